"""Fetching configured web sources into the raw store: polite, bounded, retried and incremental (httpx).

A page is fetched with a conditional GET (ETag / Last-Modified kept per URL in fetch_state.json), so an
unchanged page costs one request and no processing; a changed page's bytes are kept by sha256 with a
sidecar of how they were fetched, and only a sha not yet processed becomes an input of the flow. A page
that cannot be fetched becomes a `stage='fetch'` reject and the run goes on.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import random
import re
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from prefect import task
from prefect.cache_policies import NO_CACHE

from .sources import DEFAULT_LINK_TEXT, FetchSettings, Source, SourceConfig, load_sources
from .store import Layout, _atomic_write, keep_raw, sha256

# Placeholder contact address in the User-Agent: a deployment should point it at a page that says who runs
# the crawler and how to ask it to stop (set [fetch] user_agent in sources.toml).
PROJECT_URL = "https://example.org/gwr"
STATE_FILE = "fetch_state.json"
# Response headers not worth keeping in the sidecar (session secrets, per-hop noise).
DROPPED_HEADERS = {"set-cookie", "connection", "keep-alive", "transfer-encoding"}
REDIRECTS = (301, 302, 303, 307, 308)   # with a Location header; 304 is the answer to a conditional GET
# What a person can do about a final HTTP status; keys are status codes, 0 is every other 4xx.
STATUS_ADVICE = {
    404: "the page is not there (404); fix or remove the URL in the sources file",
    410: "the page was removed (410); remove the URL from the sources file",
    401: "the site wants a login (401); gwr fetches public pages only, so save the page by hand into the inbox",
    403: "the site refuses us (403); open the URL in a browser, and if it works there save the page into the inbox",
    0: "not a page gwr can use; open the URL in a browser to see what the server sends",
}


def default_user_agent() -> str:
    try:
        version = metadata.version("gwr")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"gwr/{version} (+{PROJECT_URL}; government work report archiver)"


class FetchFailed(Exception):
    """A URL that gave no usable page; `reason` is the ops.rejects code, `detail` a sentence to act on."""

    def __init__(self, reason: str, detail: str, page: Page | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.page = page   # the error response itself (status, headers, body) when the server sent one


class _Retryable(FetchFailed):
    """A failure that may pass: timeout, connection error, 429 or 5xx (with the server's Retry-After)."""

    def __init__(self, reason: str, detail: str, retry_after: float | None = None, page: Page | None = None) -> None:
        super().__init__(reason, detail, page)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Page:
    """One final response (after redirects): 200 with its body, or 304 with none."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes | None
    charset: str | None
    fetched_at: str
    attempts: int


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HostGate:
    """Per-host politeness: at most `concurrency` requests in flight and `delay` seconds between starts."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.concurrency, self.delay = max(1, concurrency), max(0.0, delay)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def slow_down(self, host: str, delay: float) -> None:
        """A source may ask for a longer delay on its host; the longest asked for wins."""
        with self._lock:
            self._delays[host] = max(self._delays.get(host, self.delay), delay)

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        sem.acquire()
        try:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._delays.get(host, self.delay)
            if start > now:
                time.sleep(start - now)
            yield
        finally:
            sem.release()


class Fetcher:
    """GET with timeouts, a streamed size limit, manual redirects (loops detected), retries and host gates."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self.gate = HostGate(settings.per_host_concurrency, settings.per_host_delay)
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False,
            headers={"User-Agent": settings.user_agent or default_user_agent(),
                     "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"})
        self._count_lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, validators: dict[str, str] | None = None) -> Page:
        """The page at `url`, retrying what may pass; raises FetchFailed with the last reason otherwise."""
        s = self.settings
        for attempt in range(s.retries + 1):
            try:
                return self._once(url, validators or {}, attempt + 1)
            except _Retryable as exc:
                if attempt == s.retries:
                    raise FetchFailed(exc.reason, f"{exc.detail}; gave up after {attempt + 1} attempts, "
                                      "the next run tries again", exc.page) from exc
                wait = random.uniform(0.5, 1.0) * min(s.backoff_max, s.backoff * 2 ** attempt)  # jitter spreads retries
                if exc.retry_after is not None:
                    if exc.retry_after > s.retry_after_max:
                        raise FetchFailed(exc.reason, f"{exc.detail}; the server asks to wait {exc.retry_after:.0f} s "
                                          f"(Retry-After), more than retry_after_max={s.retry_after_max:.0f} s, so "
                                          "the next run tries again", exc.page) from exc
                    wait = max(wait, exc.retry_after)
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, validators: dict[str, str], attempt: int) -> Page:
        chain = [url]
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            resp, body = self._request(current, validators)
            if resp.status_code in REDIRECTS and "location" in resp.headers:
                nxt = urldefrag(str(resp.url.join(resp.headers["location"])))[0]
                if nxt in chain:
                    raise FetchFailed("redirect_loop", f"{url} redirects in a loop ({' -> '.join(chain + [nxt])}); "
                                      "the site may want cookies or is misconfigured: use the page's real address")
                chain.append(nxt)
                current = nxt
                continue
            code = resp.status_code
            headers = {k: v for k, v in resp.headers.items() if k.lower() not in DROPPED_HEADERS}
            page = Page(url=url, final_url=str(resp.url), status=code, headers=headers,
                        body=body if code != 304 else None, charset=resp.charset_encoding,
                        fetched_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), attempts=attempt)
            if code == 429 or code >= 500:
                raise _Retryable(f"http_{code}", f"{url} answered HTTP {code}",
                                 parse_retry_after(resp.headers.get("retry-after")), page)
            if code >= 300 and code != 304:
                advice = STATUS_ADVICE.get(code, STATUS_ADVICE[0])
                raise FetchFailed(f"http_{code}", f"{current} answered HTTP {code}: {advice}", page)
            return page
        raise FetchFailed("too_many_redirects", f"{url} redirects more than max_redirects="
                          f"{self.settings.max_redirects} times ({' -> '.join(chain)}); use the final address")

    def _request(self, url: str, validators: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """One request through the host gate; reads the body only of a 2xx, up to max_bytes."""
        s = self.settings
        headers = {}
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        try:
            host = urlsplit(url).netloc.lower()
        except ValueError as exc:
            raise FetchFailed("bad_url", f"{url!r} is not a URL: {exc}") from exc
        with self.gate.slot(host):
            with self._count_lock:
                self.requests += 1
            started = time.monotonic()
            try:
                with self.client.stream("GET", url, headers=headers) as resp:
                    if 200 <= resp.status_code < 300:
                        return resp, self._read_limited(url, resp, started)
                    if resp.status_code >= 400:  # error pages are kept as raw evidence of the reject
                        try:
                            return resp, self._read_limited(url, resp, started)
                        except FetchFailed:
                            return resp, b""
                    return resp, b""
            except httpx.TimeoutException as exc:
                raise _Retryable("timeout", f"{url} did not answer within {s.timeout:g} s ({type(exc).__name__})") from exc
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                raise FetchFailed("bad_url", f"{url} cannot be fetched: {exc}") from exc
            except httpx.TransportError as exc:
                raise _Retryable("connection_error", f"{url}: {type(exc).__name__}: {exc or 'connection failed'}") from exc

    def _read_limited(self, url: str, resp: httpx.Response, started: float) -> bytes:
        s = self.settings
        announced = resp.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > s.max_bytes:
            raise FetchFailed("too_large", f"{url} announces {int(announced):,} bytes, more than max_bytes="
                              f"{s.max_bytes:,}; not downloaded. Raise [fetch] max_bytes if it really is one report")
        buf = bytearray()
        for chunk in resp.iter_bytes():
            buf += chunk
            if len(buf) > s.max_bytes:
                raise FetchFailed("too_large", f"{url} sent more than max_bytes={s.max_bytes:,} bytes; download "
                                  "stopped. Raise [fetch] max_bytes if it really is one report")
            if time.monotonic() - started > s.total_timeout:
                raise _Retryable("timeout", f"{url} was still sending after total_timeout={s.total_timeout:g} s")
        return bytes(buf)


class FetchState:
    """Per-URL validators and last content hash, in <warehouse>/fetch_state.json (written atomically)."""

    def __init__(self, path: Path, data: dict[str, dict[str, Any]]) -> None:
        self.path, self.urls = path, data

    @classmethod
    def load(cls, root: Path) -> FetchState:
        path = root / STATE_FILE
        if not path.exists():
            return cls(path, {})
        try:
            return cls(path, json.loads(path.read_text("utf-8"))["urls"])
        except (ValueError, KeyError) as exc:
            # Losing validators only costs full downloads, never data; say so instead of failing the run.
            aside = path.with_suffix(".json.corrupt")
            path.replace(aside)
            print(f"[gwr] {path} was unreadable ({exc}); moved to {aside.name}, every page is fetched in full",
                  file=sys.stderr)
            return cls(path, {})

    def validators(self, url: str, layout: Layout) -> dict[str, str]:
        """If-None-Match / If-Modified-Since values, only while the bytes they vouch for are still kept:
        a 304 for a page whose raw file was deleted would lose that page for good."""
        entry = self.urls.get(url, {})
        if not entry.get("sha256") or not layout.raw_path(entry["sha256"]).exists():
            return {}
        return {k: entry[k] for k in ("etag", "last_modified") if entry.get(k)}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"note": "gwr fetch state: conditional-GET validators and last sha256 per URL; safe to delete",
               "urls": self.urls}
        _atomic_write(self.path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


@dataclass(frozen=True)
class Fetched:
    """A fetched page whose bytes are new to this pipeline version: an input of the flow."""

    uri: str
    sha: str
    raw_path: str
    charset: str | None


@dataclass
class FetchOutcome:
    inputs: list[Fetched] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)   # (url, reason, detail)
    failed_raw: dict[str, tuple[str, str]] = field(default_factory=dict)  # url -> (sha256, raw_path) of its error page
    pages: int = 0            # URLs checked (listings and reports)
    not_modified: int = 0     # 304 answers
    unchanged: int = 0        # 200 answers whose bytes were already processed (or fetched twice this run)
    requests: int = 0         # HTTP requests made, retries and redirect hops included
    seconds: float = 0.0

    def stats(self) -> dict[str, Any]:
        return dict(pages=self.pages, requests=self.requests, new=len(self.inputs), not_modified=self.not_modified,
                    unchanged=self.unchanged, failed=len(self.failures), seconds=round(self.seconds, 3))

    def describe(self) -> str:
        s = self.stats()
        return (f"fetched {s['pages']} pages with {s['requests']} requests in {s['seconds']:.2f} s: {s['new']} new, "
                f"{s['not_modified']} not modified, {s['unchanged']} unchanged, {s['failed']} failed")

    def reject_rows(self, run_id: str, now: dt.datetime, version: str) -> list[dict[str, Any]]:
        return [dict(source_uri=url, source_sha256=self.failed_raw.get(url, (None, None))[0], stage="fetch",
                     reason=reason, detail=detail, raw_path=self.failed_raw.get(url, (None, None))[1],
                     run_id=run_id, seen_at=now, pipeline_version=version) for url, reason, detail in self.failures]

    def fail(self, layout: Layout, url: str, exc: FetchFailed) -> None:
        """Record a failed URL; the error page the server sent, if any, is kept like any raw input."""
        self.failures.append((url, exc.reason, exc.detail))
        if exc.page is not None and exc.page.body:
            sha, path = _keep(layout, exc.page, "error", exc.page.charset)
            self.failed_raw[url] = (sha, str(path.relative_to(layout.root)))


def extract_links(body: bytes, charset: str | None, base_url: str, source: Source) -> list[str]:
    """Report links of a listing page, in page order: absolute http(s), fragment-free, filtered, deduplicated."""
    from bs4 import BeautifulSoup

    from transforms.decode import decode_bytes
    soup = BeautifulSoup(decode_bytes(body, charset).text, "lxml")
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, base_tag["href"]) if base_tag else base_url
    url_re = re.compile(source.link_pattern) if source.link_pattern else None
    # With only a URL pattern, link text is not filtered; with neither, the default text (工作报告) is required.
    text_re = re.compile(source.link_text or DEFAULT_LINK_TEXT) if source.link_text or not url_re else None
    out: list[str] = []
    for a in soup.find_all("a", href=True):
        href = urldefrag(urljoin(base, a["href"].strip()))[0]
        if urlsplit(href).scheme not in ("http", "https") or href in out:
            continue
        if url_re and not url_re.search(href):
            continue
        if text_re and not text_re.search(a.get_text(" ", strip=True)):
            continue
        out.append(href)
        if len(out) >= source.max_links:
            break
    return out


def _get(fetcher: Fetcher, state: FetchState, layout: Layout, url: str) -> Page | FetchFailed:
    try:
        return fetcher.get(url, state.validators(url, layout))
    except FetchFailed as exc:
        return exc
    except httpx.HTTPError as exc:  # anything httpx raises that is not classified above
        return FetchFailed("http_error", f"{url}: {type(exc).__name__}: {exc}")


def _keep(layout: Layout, page: Page, role: str, charset: str | None) -> tuple[str, Path]:
    assert page.body is not None
    meta = dict(source_uri=page.url, final_url=page.final_url, status=page.status, headers=page.headers,
                fetched_at=page.fetched_at, seen_at=page.fetched_at, size=len(page.body), charset=charset, role=role)
    return sha256(page.body), keep_raw(layout, page.body, meta)


def _remember(state: FetchState, page: Page, sha: str, charset: str | None, **extra: Any) -> None:
    state.urls[page.url] = dict(etag=page.headers.get("etag"), last_modified=page.headers.get("last-modified"),
                                sha256=sha, final_url=page.final_url, fetched_at=page.fetched_at, charset=charset,
                                **extra)


def fetch_sources(layout: Layout, config: SourceConfig, processed: set[str]) -> FetchOutcome:
    """Fetch every source; pages whose sha is not in `processed` come back as inputs, failures as rows."""
    started = time.monotonic()
    state = FetchState.load(layout.root)
    fetcher = Fetcher(config.settings)
    out = FetchOutcome()
    for src in config.sources:
        if src.delay is not None:
            fetcher.gate.slow_down(src.host, src.delay)
    reports: dict[str, Source] = {}
    for src in config.sources:
        if src.kind == "report":
            reports.setdefault(src.url, src)
    listings = [s for s in config.sources if s.kind == "listing"]
    new_shas: set[str] = set()
    try:
        with ThreadPoolExecutor(max_workers=max(1, config.settings.workers)) as pool:
            for src, res in zip(listings, pool.map(lambda s: _get(fetcher, state, layout, s.url), listings)):
                out.pages += 1
                if isinstance(res, FetchFailed):
                    out.fail(layout, src.url, res)
                    continue
                if res.status == 304:
                    out.not_modified += 1
                    links = state.urls.get(src.url, {}).get("links", [])
                else:
                    charset = src.encoding or res.charset
                    sha, _path = _keep(layout, res, "listing", charset)
                    try:
                        links = extract_links(res.body or b"", charset, res.final_url, src)
                    except Exception as exc:  # noqa: BLE001 - an unreadable listing is that source's reject, not the run's
                        out.failures.append((src.url, "listing_unreadable", f"no links could be read from {src.url}: {exc}"))
                        continue
                    _remember(state, res, sha, charset, links=links)
                if not links:  # also after a 304: the unchanged page still has no report link
                    out.failures.append((src.url, "no_links", f"{src.url} has no link matching the source's "
                                         "link_pattern/link_text; check them against the page"))
                for link in links:
                    reports.setdefault(link, replace(src, url=link, kind="report", name=f"{src.name or src.url} link"))
            items = list(reports.items())
            for (url, src), res in zip(items, pool.map(lambda it: _get(fetcher, state, layout, it[0]), items)):
                out.pages += 1
                if isinstance(res, FetchFailed):
                    out.fail(layout, url, res)
                elif res.status == 304:
                    out.not_modified += 1
                else:
                    charset = src.encoding or res.charset
                    sha, path = _keep(layout, res, "report", charset)
                    _remember(state, res, sha, charset)
                    if sha in processed or sha in new_shas:
                        out.unchanged += 1
                    else:
                        new_shas.add(sha)
                        out.inputs.append(Fetched(uri=url, sha=sha, raw_path=str(path.relative_to(layout.root)),
                                                  charset=charset))
    finally:
        fetcher.close()
        state.save()
    out.requests = fetcher.requests
    out.seconds = time.monotonic() - started
    return out


@task(name="fetch-sources", cache_policy=NO_CACHE)
def fetch_task(layout: Layout, processed: set[str], sources_file: str | None, urls: tuple[str, ...]) -> FetchOutcome:
    """The flow's fetch step: sources file plus ad-hoc URLs; bytes in `processed` (seen under this pipeline
    version) are not new."""
    return fetch_sources(layout, load_sources(sources_file, urls), processed)
