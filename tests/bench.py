"""`make bench`: throughput and memory of the pure transforms and of a whole flow run, printed (not asserted)."""
from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from tests.expect import SAMPLES, sample_files
from transforms.pipeline import transform_file


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_transforms(rounds: int = 5) -> None:
    files = [p.read_bytes() for p in sample_files()]
    size = sum(len(b) for b in files)
    transform_file(files[0])  # warm caches (OpenCC, segmenter dictionary, area codes)
    t = time.perf_counter()
    reports = 0
    for _ in range(rounds):
        for raw in files:
            reports += len(transform_file(raw).reports)
    secs = time.perf_counter() - t
    print(f"transforms: {rounds} x {len(files)} files ({size / 1e6:.2f} MB, {reports // rounds} reports) in {secs:.2f} s "
          f"= {size * rounds / 1e6 / secs:.2f} MB/s, {reports / secs:.1f} reports/s, one core; peak RSS {_rss_mb():.0f} MB")
    print(f"  at this rate 3,000 reports (a year of China's local reports) take about {3000 / (reports / secs) / 60:.1f} min")


def bench_clean(rounds: int = 5) -> None:
    """Per-report cleaning time (the target is well under 50 ms a report)."""
    import statistics
    from transforms import clean, split
    parts = [part for p in sample_files() for part in split.split_reports(clean.page_text(p.read_text("utf-8")))]
    timings = []
    for part in parts:
        t = time.perf_counter()
        for _ in range(rounds):
            clean.clean_report(part)
        timings.append((time.perf_counter() - t) / rounds)
    print(f"clean_report: median {statistics.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms "
          f"per report over {len(parts)} reports (target: median < 50 ms)")


def bench_flow() -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from flows.etl import etl
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "reports.duckdb"
        t = time.perf_counter()
        etl(inbox=str(SAMPLES), warehouse=str(db))
        first = time.perf_counter() - t
        t = time.perf_counter()
        etl(inbox=str(SAMPLES), warehouse=str(db))
        second = time.perf_counter() - t
        print(f"flow on the samples (temporary Prefect server already up): first run {first:.2f} s, "
              f"no-change run {second:.2f} s; warehouse file {db.stat().st_size / 1e6:.1f} MB; peak RSS {_rss_mb():.0f} MB")


def main() -> int:
    bench_clean()
    bench_transforms()
    bench_flow()
    return 0


if __name__ == "__main__":
    sys.exit(main())
