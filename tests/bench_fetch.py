"""Fetch figures: a first run and a no-change rerun against a loopback server, printed (not asserted).

`.venv/bin/python -m tests.bench_fetch [--per-host-delay S]`: serves the sample reports as HTML (UTF-8, GBK,
Big5, GB18030, with ETag or Last-Modified) plus a listing page on 127.0.0.1, runs the real flow twice into a
temporary warehouse and prints requests made, time and documents processed for each run.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-host-delay", type=float, default=1.0, help="seconds between requests to one host (default 1.0)")
    args = ap.parse_args()

    from prefect.testing.utilities import prefect_test_harness
    from pytest_httpserver import HTTPServer

    from flows.etl import etl
    from tests.test_fetch import LISTING, page_handler, serve_samples

    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        urls = serve_samples(server)
        listing = LISTING.replace("/about.html", "/report/002.html").replace("关于我们", "句容市政府工作报告")
        server.expect_request("/list.html").respond_with_handler(
            page_handler(listing.encode("gbk"), "text/html", etag='"list-v1"'))
        with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=120):
            sources = Path(tmp) / "sources.toml"
            sources.write_text(f"[fetch]\nper_host_delay = {args.per_host_delay}\n\n"
                               f'[[source]]\nurl = "{server.url_for("/list.html")}"\nkind = "listing"\n\n'
                               f'[[source]]\nurl = "{urls["004"]}"\nkind = "report"\n', "utf-8")
            db = Path(tmp) / "wh" / "reports.duckdb"
            for label in ("first run", "no-change run"):
                server.clear_log()
                t0 = time.perf_counter()
                s = etl(inbox=None, warehouse=str(db), sources=str(sources))
                secs = time.perf_counter() - t0
                f = s["fetch"]
                print(f"{label}: {f['requests']} requests for {f['pages']} pages (server saw {len(server.log)}; "
                      f"{f['not_modified']} answered 304), fetch {f['seconds']:.2f} s, whole flow {secs:.2f} s, "
                      f"{s['files_new']} pages processed, {s['documents_loaded']} documents loaded "
                      f"(per_host_delay={args.per_host_delay:g} s)")
    finally:
        server.clear()
        server.stop()


if __name__ == "__main__":
    main()
