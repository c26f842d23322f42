"""Fetching against a real HTTP server on 127.0.0.1: charsets, listings, conditional GET, failures, the flow.

The sample reports are served as HTML pages in UTF-8, GBK, Big5 and GB18030, declared by header, by
meta tag or not at all. No network beyond loopback.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.fetch import STATE_FILE, FetchFailed, Fetcher, HostGate, extract_links, fetch_sources, parse_retry_after
from flows.sources import FetchSettings, Source, SourceConfig, SourcesError, load_sources
from flows.store import Layout
from tests.expect import SAMPLES
from transforms.decode import decode_bytes
from transforms.pipeline import transform_file

ROOT = Path(__file__).resolve().parent.parent
# Short limits so failure paths take well under a second each.
FAST = FetchSettings(timeout=0.4, total_timeout=2.0, retries=2, backoff=0.02, backoff_max=0.1, retry_after_max=5,
                     per_host_concurrency=4, per_host_delay=0.0, max_bytes=1_000_000, max_redirects=4)

# Sample file → (region it names, how it is served: codec, header charset, meta charset).
PAGES = {
    "000": ("000_13647472a810f8aa.txt", "樟树市", "utf-8", "utf-8", None),     # header says UTF-8
    "003": ("003_04fe9f3a688f1548.txt", "浏阳市", "gbk", None, "gbk"),         # only <meta charset=gbk>
    "002": ("002_368e49043dcb499b.txt", "句容市", "big5hkscs", "big5", None),  # header Big5, no meta
    "004": ("004_1b65f65be8f80fa8.txt", "铁东区", "gb18030", None, None),      # undeclared: detection
}


def sample_text(key: str) -> str:
    return (SAMPLES / PAGES[key][0]).read_text("utf-8")


def html_page(text: str, codec: str, meta: str | None) -> bytes:
    """The sample text inside a minimal HTML page; characters the codec lacks become &#NNNN; as sites do."""
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>\n{text}\n</body></html>".encode(codec, "xmlcharrefreplace")


def page_handler(body: bytes, content_type: str, etag: str | None = None, last_modified: str | None = None):
    """A page that answers conditional GETs as a well-behaved server does (ETag, Last-Modified)."""
    def handle(request: Request) -> Response:
        if etag and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        if last_modified and request.headers.get("If-Modified-Since") == last_modified:
            return Response(status=304, headers={"Last-Modified": last_modified})
        headers = {"ETag": etag} if etag else {}
        if last_modified:
            headers["Last-Modified"] = last_modified
        return Response(body, status=200, headers=headers, content_type=content_type)
    return handle


def serve_samples(server: HTTPServer, keys=("000", "003", "002", "004")) -> dict[str, str]:
    urls = {}
    for n, key in enumerate(keys):
        name, _region, codec, header, meta = PAGES[key]
        ctype = f"text/html; charset={header}" if header else "text/html"
        # Half the pages validate by ETag, half by Last-Modified only: both must give 304s.
        validators = dict(etag=f'"r{key}-v1"') if n % 2 == 0 else dict(last_modified="Tue, 02 Jan 2024 08:00:00 GMT")
        path = f"/report/{key}.html"
        server.expect_request(path).respond_with_handler(
            page_handler(html_page(sample_text(key), codec, meta), ctype, **validators))
        urls[key] = server.url_for(path)
    return urls


def requests_to(server: HTTPServer, path: str | None = None) -> int:
    return sum(1 for req, _resp in server.log if path is None or req.path == path)


@pytest.fixture(scope="module")
def server():
    srv = HTTPServer(host="127.0.0.1", threaded=True)  # threaded: a sleeping handler must not stall the others
    srv.start()
    yield srv
    srv.clear()
    if srv.is_running():
        srv.stop()


@pytest.fixture()
def http(server):
    server.clear()
    yield server
    server.clear()


def run(tmp_path: Path, sources: list[Source], processed: set[str] = frozenset(), settings: FetchSettings = FAST):
    return fetch_sources(Layout(tmp_path / "reports.duckdb"), SourceConfig(settings, tuple(sources)), set(processed))


# --- decoding: header, meta, detection -------------------------------------------------------------------

def test_pages_in_utf8_gbk_big5_gb18030_decode_to_the_sample_text(http, tmp_path):
    urls = serve_samples(http)
    out = run(tmp_path, [Source(url=u) for u in urls.values()])
    assert out.failures == [] and len(out.inputs) == 4 and out.requests == 4
    by_uri = {f.uri: f for f in out.inputs}
    # The HTTP header charset is what the flow passes on; meta and undeclared pages pass None (decode finds them).
    assert [by_uri[urls[k]].charset for k in ("000", "003", "002", "004")] == ["utf-8", None, "big5", None]
    for key, url in urls.items():
        item = by_uri[url]
        raw = (tmp_path / item.raw_path).read_bytes()
        decoded = decode_bytes(raw, item.charset)
        assert decoded.method == {"000": "http", "003": "meta", "002": "http", "004": "detected"}[key]
        assert sample_text(key) in html.unescape(decoded.text)   # every character of the report came out right
        result = transform_file(raw, item.charset)
        assert result.reject is None
        assert result.reports[0].meta.region_name == PAGES[key][1]


def test_gbk_page_is_the_same_document_as_the_sample_file(http, tmp_path, reports):
    urls = serve_samples(http, keys=("003",))
    out = run(tmp_path, [Source(url=urls["003"])])
    raw = (tmp_path / out.inputs[0].raw_path).read_bytes()
    rep = transform_file(raw, out.inputs[0].charset).reports[0]
    # document_id derives from cleaned text: the report from a URL and from the inbox file is one document.
    assert rep.document_id == reports["003_1"].document_id
    assert rep.meta.region_code == "430181" and rep.meta.plan_year == 2024
    assert "各位代表,奋进新征程,担当新使命" in rep.cleaned.text


@pytest.mark.parametrize("header", ["iso-8859-1", "utf-8"])
def test_gbk_page_behind_a_wrong_header_charset_still_comes_out_right(http, tmp_path, header):
    # Servers often declare a default charset whatever the page is; a declared charset that does not yield
    # Chinese text is passed over, and detection finds GB18030.
    http.expect_request("/wrong.html").respond_with_data(html_page(sample_text("003"), "gbk", None),
                                                         content_type=f"text/html; charset={header}")
    item = run(tmp_path, [Source(url=http.url_for("/wrong.html"))]).inputs[0]
    assert item.charset == header
    decoded = decode_bytes((tmp_path / item.raw_path).read_bytes(), item.charset)
    assert (decoded.encoding, decoded.method) == ("gb18030", "detected") and sample_text("003") in decoded.text


def test_encoding_override_beats_a_wrong_header(http, tmp_path):
    body = html_page(sample_text("003"), "gbk", None)
    http.expect_request("/liar.html").respond_with_data(body, content_type="text/html; charset=iso-8859-1")
    out = run(tmp_path, [Source(url=http.url_for("/liar.html"), encoding="gb18030")])
    item = out.inputs[0]
    assert item.charset == "gb18030"
    assert transform_file((tmp_path / item.raw_path).read_bytes(), item.charset).reports[0].meta.region_name == "浏阳市"


# --- listings and incremental fetching ------------------------------------------------------------------

LISTING = """<html><head><meta charset="gbk"><title>政府工作报告</title></head><body>
<a href="/index.html">首页</a> <a href="/about.html">关于我们</a>
<ul><li><a href="report/003.html">浏阳市2024年政府工作报告</a></li>
<li><a href="/report/000.html#top">樟树市2022年政府工作报告</a></li>
<li><a href="/report/000.html">樟树市政府工作报告（全文）</a></li>
<li><a href="mailto:gov@example.org">写信给我们 工作报告</a></li></ul></body></html>"""


def test_listing_links_followed_then_second_run_costs_one_request_per_page(http, tmp_path):
    urls = serve_samples(http, keys=("000", "003"))
    http.expect_request("/list.html").respond_with_handler(
        page_handler(LISTING.encode("gbk"), "text/html", etag='"list-v1"'))
    listing = Source(url=http.url_for("/list.html"), kind="listing", name="test listing")
    first = run(tmp_path, [listing])
    # In page order, fragment and duplicate dropped, navigation and mailto links not followed.
    assert [f.uri for f in first.inputs] == [urls["003"], urls["000"]]
    assert (first.pages, first.requests, first.failures) == (3, 3, [])
    state = json.loads((tmp_path / STATE_FILE).read_text("utf-8"))["urls"]
    assert state[listing.url]["links"] == [urls["003"], urls["000"]]
    assert state[urls["000"]]["etag"] == '"r000-v1"'
    assert state[urls["003"]]["last_modified"] == "Tue, 02 Jan 2024 08:00:00 GMT"
    side = json.loads((tmp_path / first.inputs[0].raw_path).with_suffix(".json").read_text("utf-8"))
    sight = side["sightings"][0]
    assert (sight["source_uri"], sight["final_url"], sight["status"], sight["role"]) == (urls["003"], urls["003"], 200, "report")
    assert sight["headers"]["last-modified"] == "Tue, 02 Jan 2024 08:00:00 GMT" and sight["fetched_at"]
    listing_sha = state[listing.url]["sha256"]   # the listing's bytes are kept too, marked so they are no input
    listing_side = Layout(tmp_path / "reports.duckdb").raw_path(listing_sha).with_suffix(".json")
    assert json.loads(listing_side.read_text("utf-8"))["sightings"][0]["role"] == "listing"

    http.clear_log()
    second = run(tmp_path, [listing], processed={f.sha for f in first.inputs})
    assert (second.pages, second.requests, second.not_modified, len(second.inputs)) == (3, 3, 3, 0)
    assert {p: requests_to(http, p) for p in ("/list.html", "/report/000.html", "/report/003.html")} == \
        {"/list.html": 1, "/report/000.html": 1, "/report/003.html": 1}
    assert all(r.headers.get("If-None-Match") or r.headers.get("If-Modified-Since") for r, _ in http.log)


def test_validators_are_not_sent_once_the_kept_bytes_are_gone(http, tmp_path):
    urls = serve_samples(http, keys=("000",))
    first = run(tmp_path, [Source(url=urls["000"])])
    (tmp_path / first.inputs[0].raw_path).unlink()
    second = run(tmp_path, [Source(url=urls["000"])], processed=set())
    # A 304 now would leave nothing to process the page from: a full GET brings the bytes back.
    assert http.log[-1][0].headers.get("If-None-Match") is None and http.log[-1][1].status_code == 200
    assert [f.sha for f in second.inputs] == [first.inputs[0].sha]


def test_listing_without_report_links_is_a_reject_every_run(http, tmp_path):
    page = '<html><meta charset="utf-8"><a href="/news/1.html">新闻</a></html>'.encode("utf-8")
    http.expect_request("/empty-list").respond_with_handler(page_handler(page, "text/html", etag='"e1"'))
    src = Source(url=http.url_for("/empty-list"), kind="listing")
    for _ in range(2):  # the second answer is a 304: the page still has no report link
        out = run(tmp_path, [src])
        assert [(r, d.split(" has ")[1][:29]) for _u, r, d in out.failures] == [("no_links", "no link matching the source's")]
    assert out.not_modified == 1


def test_page_without_validators_is_unchanged_by_hash(http, tmp_path):
    body = html_page(sample_text("000"), "utf-8", "utf-8")
    http.expect_request("/plain.html").respond_with_data(body, content_type="text/html")
    first = run(tmp_path, [Source(url=http.url_for("/plain.html"))])
    second = run(tmp_path, [Source(url=http.url_for("/plain.html"))], processed={first.inputs[0].sha})
    assert (second.requests, second.unchanged, second.inputs) == (1, 1, [])


def test_same_bytes_at_two_urls_are_one_input(http, tmp_path):
    body = html_page(sample_text("003"), "gbk", "gbk")
    for path in ("/a/003.html", "/mirror/003.html"):
        http.expect_request(path).respond_with_data(body, content_type="text/html")
    out = run(tmp_path, [Source(url=http.url_for("/a/003.html")), Source(url=http.url_for("/mirror/003.html"))])
    assert [f.uri for f in out.inputs] == [http.url_for("/a/003.html")] and out.unchanged == 1


# --- failures become rejects, the rest goes on ------------------------------------------------------------

def test_503_then_recovery_is_retried(http, tmp_path):
    answers = iter([Response("busy", status=503, headers={"Retry-After": "1"}), Response("busy", status=503)])
    body = html_page(sample_text("000"), "utf-8", None)
    http.expect_request("/flaky.html").respond_with_handler(
        lambda req: next(answers, None) or Response(body, content_type="text/html; charset=utf-8"))
    t0 = time.monotonic()
    out = run(tmp_path, [Source(url=http.url_for("/flaky.html"))])
    assert out.failures == [] and len(out.inputs) == 1 and out.requests == 3
    assert time.monotonic() - t0 >= 1.0   # Retry-After: 1 was honoured although the backoff is 0.02 s


def test_404_is_a_reject_without_retry(http, tmp_path):
    http.expect_request("/gone.html").respond_with_data("not here", status=404)
    out = run(tmp_path, [Source(url=http.url_for("/gone.html"))])
    [(url, reason, detail)] = out.failures
    assert (url, reason, out.requests) == (http.url_for("/gone.html"), "http_404", 1)
    assert "fix or remove the URL" in detail
    # The error page itself is kept as the reject's raw bytes, with its fetch metadata.
    [row] = out.reject_rows("run", dt.datetime(2026, 1, 1), "v")
    assert (tmp_path / row["raw_path"]).read_bytes() == b"not here"
    assert row["source_sha256"] == hashlib.sha256(b"not here").hexdigest()
    side = json.loads((tmp_path / row["raw_path"]).with_suffix(".json").read_text("utf-8"))
    assert side["sightings"][0]["status"] == 404 and side["sightings"][0]["role"] == "error"


def test_429_with_a_long_retry_after_gives_up_at_once(http, tmp_path):
    http.expect_request("/slow-down").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    out = run(tmp_path, [Source(url=http.url_for("/slow-down"))])
    [(_url, reason, detail)] = out.failures
    assert reason == "http_429" and "3600 s (Retry-After)" in detail and out.requests == 1


def test_timeout_is_retried_then_rejected(http, tmp_path):
    def sleepy(_req):
        time.sleep(1.0)
        return Response("late")
    http.expect_request("/sleepy").respond_with_handler(sleepy)
    t0 = time.monotonic()
    out = run(tmp_path, [Source(url=http.url_for("/sleepy"))])
    [(_url, reason, detail)] = out.failures
    assert reason == "timeout" and "gave up after 3 attempts" in detail and out.requests == 3
    assert time.monotonic() - t0 < 3.0   # three attempts of 0.4 s, not three answers of 1 s


def test_redirect_loop_and_redirect_limit(http, tmp_path):
    http.expect_request("/loop/a").respond_with_data("", status=302, headers={"Location": "/loop/b"})
    http.expect_request("/loop/b").respond_with_data("", status=301, headers={"Location": "/loop/a"})
    for n in range(10):
        http.expect_request(f"/hop/{n}").respond_with_data("", status=307, headers={"Location": f"/hop/{n + 1}"})
    body = html_page(sample_text("000"), "utf-8", None)
    http.expect_request("/moved").respond_with_data("", status=301, headers={"Location": "/new/000.html"})
    http.expect_request("/new/000.html").respond_with_data(body, content_type="text/html; charset=utf-8")
    out = run(tmp_path, [Source(url=http.url_for(p)) for p in ("/loop/a", "/hop/0", "/moved")])
    reasons = {url.rsplit(":", 1)[1].split("/", 1)[1]: (reason, detail) for url, reason, detail in out.failures}
    assert reasons["loop/a"][0] == "redirect_loop" and "/loop/b -> " in reasons["loop/a"][1]
    assert reasons["hop/0"][0] == "too_many_redirects"
    assert requests_to(http, "/hop/5") == 0            # stopped at max_redirects=4, no retries of a redirect limit
    [moved] = out.inputs
    sight = json.loads((tmp_path / moved.raw_path).with_suffix(".json").read_text("utf-8"))["sightings"][0]
    assert moved.uri == http.url_for("/moved") and sight["final_url"] == http.url_for("/new/000.html")


def test_oversized_bodies_are_cut_off(http, tmp_path):
    http.expect_request("/big-announced").respond_with_data(b"x" * 1_500_000, content_type="text/html")

    produced = [0]

    def chunks():
        for _ in range(16384):  # 1 GiB in 64 KiB chunks
            produced[0] += 1
            yield b"y" * 65536

    def endless(_req):  # chunked, no Content-Length: only counting while streaming can stop it
        return Response(chunks(), content_type="text/html")
    http.expect_request("/big-stream").respond_with_handler(endless)
    out = run(tmp_path, [Source(url=http.url_for("/big-announced")), Source(url=http.url_for("/big-stream"))])
    details = {url.rsplit("/", 1)[1]: (reason, detail) for url, reason, detail in out.failures}
    assert details["big-announced"][0] == "too_large" and "announces 1,500,000 bytes" in details["big-announced"][1]
    assert details["big-stream"][0] == "too_large" and "download stopped" in details["big-stream"][1]
    assert out.requests == 2 and produced[0] < 300   # the connection was dropped near 1 MB, not read to 1 GiB
    assert not (tmp_path / "raw").exists() or not list((tmp_path / "raw").rglob("*.json"))


def test_connection_refused_is_retried_then_rejected(tmp_path):
    import socket
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = run(tmp_path, [Source(url=f"http://127.0.0.1:{port}/x.html")])
    [(_url, reason, _detail)] = out.failures
    assert reason == "connection_error" and out.requests == 3


# --- politeness -------------------------------------------------------------------------------------------

def test_per_host_delay_concurrency_and_user_agent(http, tmp_path):
    spans: list[tuple[float, float]] = []
    agents: list[str] = []

    def record(req: Request) -> Response:
        entered = time.monotonic()
        agents.append(req.headers.get("User-Agent", ""))
        time.sleep(0.02)
        spans.append((entered, time.monotonic()))
        return Response("<html>not a report</html>", content_type="text/html")
    for n in range(4):
        http.expect_request(f"/p{n}").respond_with_handler(record)
    polite = FetchSettings(**{**FAST.__dict__, "per_host_concurrency": 1, "per_host_delay": 0.15})
    t0 = time.monotonic()
    run(tmp_path, [Source(url=http.url_for(f"/p{n}")) for n in range(4)], settings=polite)
    spans.sort()
    # The k-th request cannot reach the server before k delays have passed (time.sleep never sleeps less) ...
    assert len(spans) == 4 and all(entered >= t0 + k * 0.15 for k, (entered, _) in enumerate(spans))
    # ... and with one slot per host no request starts before the previous answer is complete.
    assert all(nxt[0] >= prev[1] for prev, nxt in zip(spans, spans[1:]))
    assert all(a.startswith("gwr/") and "(+" in a for a in agents)


def test_host_gate_limits_requests_in_flight():
    import threading
    gate, lock, live, peak = HostGate(concurrency=2, delay=0.0), threading.Lock(), [0], [0]

    def work():
        with gate.slot("example.org"):
            with lock:
                live[0] += 1
                peak[0] = max(peak[0], live[0])
            time.sleep(0.05)
            with lock:
                live[0] -= 1
    threads = [threading.Thread(target=work) for _ in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert peak[0] == 2


def test_retry_after_parsing():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0 - 30) == 30.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_fetcher_raises_named_failures(http):
    http.expect_request("/forbidden").respond_with_data("no", status=403)
    f = Fetcher(FAST)
    with pytest.raises(FetchFailed) as exc:
        f.get(http.url_for("/forbidden"))
    f.close()
    assert exc.value.reason == "http_403" and "save the page into the inbox" in exc.value.detail


def test_link_filters_by_url_pattern():
    page = LISTING.encode("gbk")
    src = Source(url="http://gov.example/list.html", kind="listing", link_pattern=r"/report/\d+\.html$", max_links=1)
    assert extract_links(page, None, src.url, src) == ["http://gov.example/report/003.html"]


# --- configuration ----------------------------------------------------------------------------------------

def test_example_sources_toml_parses():
    cfg = load_sources(ROOT / "sources.toml")
    kinds = {s.kind for s in cfg.sources}
    assert kinds == {"report", "listing"} and cfg.settings.user_agent is None
    assert all(s.url.startswith("https://") for s in cfg.sources)


def test_sources_errors_name_the_problem(tmp_path):
    bad = tmp_path / "s.toml"
    bad.write_text('[[source]]\nurl = "https://gov.example/x"\nlink_patern = "x"\n', "utf-8")
    with pytest.raises(SourcesError, match="unknown option.*link_patern"):
        load_sources(bad)
    bad.write_text('[fetch]\ntimeout = 5\n[[source]]\nurl = "ftp://gov.example/x"\n', "utf-8")
    with pytest.raises(SourcesError, match="http"):
        load_sources(bad)
    with pytest.raises(SourcesError, match="--url"):
        load_sources(None, ["not a url"])


# --- the flow and the CLI ---------------------------------------------------------------------------------

def _write_sources(path: Path, settings: FetchSettings, sources: list[tuple[str, str]]) -> Path:
    lines = ["[fetch]"] + [f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"'
                           for k, v in settings.__dict__.items() if v is not None]
    for url, kind in sources:
        lines += ["", "[[source]]", f'url = "{url}"', f'kind = "{kind}"']
    path.write_text("\n".join(lines).replace("True", "true").replace("False", "false") + "\n", "utf-8")
    return path


def test_cli_reports_a_sources_mistake_in_one_line(tmp_path, capsys):
    from flows.cli import main
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nurl = "https://gov.example/list"\nkind = "lisitng"\n', "utf-8")
    assert main(["run", "--sources", str(bad), "--warehouse", str(tmp_path / "r.duckdb")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("gwr: ") and "kind must be one of ('report', 'listing'), got 'lisitng'" in err
    assert "\n" not in err and not (tmp_path / "r.duckdb").exists()


@pytest.mark.slow
def test_flow_loads_fetched_reports_rejects_failures_and_reruns_with_304s(prefect_harness, http, tmp_path):
    import duckdb

    from flows.etl import etl
    urls = serve_samples(http)
    listing = LISTING.replace("report/003.html", "/report/003.html").replace(
        "/about.html", "/report/002.html").replace("关于我们", "句容市政府工作报告")
    http.expect_request("/list.html").respond_with_handler(
        page_handler(listing.encode("gbk"), "text/html", etag='"list-v1"'))
    http.expect_request("/gone.html").respond_with_data("", status=404)
    sources = _write_sources(tmp_path / "sources.toml", FAST, [
        (http.url_for("/list.html"), "listing"), (urls["004"], "report"), (http.url_for("/gone.html"), "report")])
    db = tmp_path / "wh" / "reports.duckdb"
    first = etl(inbox=None, warehouse=str(db), sources=str(sources))
    assert first["documents_loaded"] == 4 and first["fetch"]["failed"] == 1
    con = duckdb.connect(str(db), read_only=True)
    docs = dict(con.execute("select source_uri, region_name from reporting_v1.documents").fetchall())
    rejects = con.execute("select source_uri, stage, reason from ops.rejects").fetchall()
    con.close()
    assert docs == {urls["003"]: "浏阳市", urls["000"]: "樟树市", urls["002"]: "句容市", urls["004"]: "铁东区"}
    assert rejects == [(http.url_for("/gone.html"), "fetch", "http_404")]

    http.clear_log()
    t0 = time.monotonic()
    second = etl(inbox=None, warehouse=str(db), sources=str(sources))
    took = time.monotonic() - t0
    f = second["fetch"]
    # One request per page: listing, its three reports, the single report, the 404 (not retried).
    assert (f["pages"], f["requests"], f["not_modified"], f["new"]) == (6, 6, 5, 0)
    assert second["files_new"] == 0 and second["documents_loaded"] == 0
    print(f"\nno-change run: {f['requests']} requests, fetch {f['seconds']:.3f} s, flow {took:.2f} s, "
          f"{second['files_new']} documents processed")

    # A pipeline version bump reprocesses the kept bytes of fetched reports (the pages still answer 304),
    # with their URL and header charset from the sidecar; the kept listing page is never an input.
    bumped = etl(inbox=None, warehouse=str(db), sources=str(sources), pipeline_version="fetch-test-bump")
    assert bumped["fetch"]["not_modified"] == 5 and bumped["files_new"] == 4 and bumped["documents_loaded"] == 4
    assert [r["reason"] for r in bumped["rejects"]] == ["http_404"]
    con = duckdb.connect(str(db), read_only=True)
    assert dict(con.execute("select source_uri, region_name from reporting_v1.documents").fetchall()) == docs
    con.close()


@pytest.mark.slow
def test_cli_run_url_end_to_end(prefect_harness, http, tmp_path):
    """The installed `gwr` command, as a user runs it, against the loopback server (and the test's Prefect API)."""
    import os
    import subprocess

    import duckdb
    from prefect.settings import PREFECT_API_URL
    urls = serve_samples(http, keys=("003",))
    http.expect_request("/missing.html").respond_with_data("", status=404)
    db = tmp_path / "reports.duckdb"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "gwr"), "run", "--url", urls["003"], "--url",
                           http.url_for("/missing.html"), "--warehouse", str(db)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "Web: 2 pages checked" in out and f"rejected {http.url_for('/missing.html')}: http_404" in out
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("select source_uri, region_name, region_code, plan_year from reporting_v1.documents").fetchall()
    runs = con.execute("select inbox, files_seen, files_new, files_rejected from ops.runs").fetchall()
    con.close()
    assert runs == [("", 2, 1, 1)]   # no inbox was read: two pages seen, one new, one rejected
    assert row == [(urls["003"], "浏阳市", "430181", 2024)]
