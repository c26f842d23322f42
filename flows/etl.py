"""The ETL flow: discover new inputs → read → transform (batched) → write Parquet → load and publish."""
from __future__ import annotations

import datetime as dt
import sys
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import wait

from transforms import PIPELINE_VERSION
from transforms.models import FileResult
from transforms.pipeline import transform_file

from . import rows as rowmod
from .artifacts import publish_artifacts
from .fetch import fetch_task
from .runners import make_task_runner
from .store import Layout, commit_run, drop_uncommitted, keep_raw, kept_raw, read_column, run_lock, sha256, write_table
from .warehouse import publish

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INBOX = PROJECT_ROOT / "samples"
DEFAULT_WAREHOUSE = Path("warehouse") / "reports.duckdb"
BATCH_SIZE = 20            # files per transform task: Prefect costs ~16 ms a task, so never one per paragraph
IN_FLIGHT = 4              # transform batches submitted ahead; results are written and dropped batch by batch
TABLE_ORDER = ("documents", "sections", "indicators", "glossary", "terms", "footnotes", "rejects", "sources")
IGNORED_NAMES = {"README.md", ".DS_Store"}


@dataclass(frozen=True)
class Input:
    """One input to process: its bytes live in the raw store under `sha`."""

    uri: str
    sha: str
    raw_path: str
    charset: str | None = None


@dataclass
class RunSummary:
    run_id: str
    files_seen: int = 0
    files_new: int = 0
    files_rejected: int = 0
    files_duplicate: int = 0
    documents_loaded: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warehouse: str = ""
    fetch: dict[str, Any] = field(default_factory=dict)   # requests, pages, new, not_modified, failed, seconds


def _progress(msg: str) -> None:
    print(f"[gwr] {msg}", file=sys.stderr, flush=True)


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover(inbox: Path | None, layout: Layout, seen: set[str]) -> tuple[int, list[Input]]:
    """Inputs whose sha256 is not in `seen` (processed under this pipeline version); keeps every raw file."""
    found: dict[str, Input] = {}
    files = sorted(p for p in inbox.rglob("*") if p.is_file() and p.name not in IGNORED_NAMES
                   and not p.name.startswith(".")) if inbox is not None and inbox.exists() else []
    for path in files:
        raw = path.read_bytes()
        sha = sha256(raw)
        uri = path.relative_to(inbox).as_posix()
        kept = keep_raw(layout, raw, {"source_uri": uri, "seen_at": dt.datetime.now(dt.timezone.utc).isoformat(),
                                      "size": len(raw)})
        if sha not in seen and sha not in found:
            found[sha] = Input(uri=uri, sha=sha, raw_path=str(kept.relative_to(layout.root)))
    # After a version bump, everything kept is reprocessed from its raw bytes, even if no longer in the inbox.
    for sha, uri, first in kept_raw(layout):
        # Fetched listing and error pages are kept as evidence but are not reports: never inputs.
        if sha not in seen and sha not in found and first.get("role") not in ("listing", "error"):
            found[sha] = Input(uri=uri, sha=sha, raw_path=str(layout.raw_path(sha).relative_to(layout.root)),
                               charset=first.get("charset"))
    return len(files), list(found.values())


@task(name="transform-batch", cache_policy=NO_CACHE)
def transform_batch(layout: Layout, batch: list[Input], user_words: tuple[str, ...]) -> list[tuple[Input, FileResult]]:
    """Read kept raw bytes and run the pure transforms on a batch of files."""
    out = []
    for item in batch:
        raw = layout.raw_path(item.sha).read_bytes()
        out.append((item, transform_file(raw, item.charset, user_words)))
    return out


@task(name="write-parquet", cache_policy=NO_CACHE)
def write_parquet(layout: Layout, version: str, part: str, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Write one batch's rows (files named run=<part>); they count only once the run commits."""
    for name in TABLE_ORDER:
        write_table(layout, name, version, part, tables.get(name, []))
    return {k: len(v) for k, v in tables.items()}


@task(name="commit-run", cache_policy=NO_CACHE)
def commit_task(layout: Layout, run_id: str, counts: dict[str, int]) -> None:
    commit_run(layout, run_id, counts)   # all or nothing: uncommitted files are ignored by every reader


@task(name="publish-warehouse", cache_policy=NO_CACHE)
def publish_task(layout: Layout, version: str, run_id: str, run_row: dict[str, Any]) -> str:
    write_table(layout, "runs", version, run_id, [run_row])
    return str(publish(layout, version, run_id))


class _ArtifactRows:
    """What the run's artifacts show, kept small: documents without their text, rejects, indicator metrics."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {"documents": [], "rejects": [], "indicators": []}

    def add(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        self.tables["documents"] += [{k: d[k] for k in ("document_id", "region_code", "region_name", "plan_year")}
                                     for d in tables.get("documents", [])]
        self.tables["rejects"] += tables.get("rejects", [])
        self.tables["indicators"] += [{"metric": i["metric"]} for i in tables.get("indicators", [])]


def _assemble(results: list[tuple[Input, FileResult]], version: str, run_id: str,
              known_docs: set[str], now: dt.datetime, summary: RunSummary) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table from the batch results; duplicates of loaded reports are recorded, not loaded."""
    tables: dict[str, list[dict[str, Any]]] = {k: [] for k in TABLE_ORDER}
    for item, res in sorted(results, key=lambda r: r[0].uri):
        status = "loaded"
        doc_ids: list[str] = []
        if res.reject is not None:
            status = "rejected"
            summary.files_rejected += 1
            rej = dict(source_uri=item.uri, source_sha256=item.sha, stage=res.reject.stage, reason=res.reject.reason,
                       detail=res.reject.detail, raw_path=item.raw_path, run_id=run_id, seen_at=now,
                       pipeline_version=version)
            tables["rejects"].append(rej)
            summary.rejects.append(rej)
        else:
            new_here = 0
            for rep in res.reports:
                doc_ids.append(rep.document_id)
                if rep.document_id in known_docs:
                    continue
                known_docs.add(rep.document_id)
                new_here += 1
                for name, rws in rowmod.report_rows(rep, item.uri, item.sha, item.raw_path, res.encoding,
                                                    version, now).items():
                    tables[name].extend(rws)
            if new_here == 0:
                status = "duplicate"
                summary.files_duplicate += 1
            summary.documents_loaded += new_here
        tables["sources"].append(dict(source_sha256=item.sha, source_uri=item.uri, status=status, document_ids=doc_ids,
                                      encoding=res.encoding, run_id=run_id, seen_at=now, pipeline_version=version))
    return tables


# The task runner comes from GWR_TASK_RUNNER / GWR_DASK_ADDRESS (flows/runners.py); `gwr run --runner` overrides it.
@flow(name="gwr-etl", log_prints=False, task_runner=make_task_runner())
def etl(inbox: str | None = str(DEFAULT_INBOX), warehouse: str = str(DEFAULT_WAREHOUSE),
        pipeline_version: str = PIPELINE_VERSION, sources: str | None = None,
        urls: list[str] | None = None) -> dict[str, Any]:
    """One run: discover → transform → write Parquet → publish. Returns the run summary."""
    layout = Layout(Path(warehouse).resolve())
    run_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    summary = RunSummary(run_id=run_id)
    with run_lock(layout):
        try:
            return _run(layout, run_id, started, summary, inbox, pipeline_version, sources, urls)
        except Exception as exc:
            # Record the failed run so `gwr status` shows it once a later run publishes; then fail the flow.
            write_table(layout, "runs", pipeline_version, run_id, [_run_row(
                summary, run_id, started, inbox, pipeline_version, "failed", f"{type(exc).__name__}: {exc}"[:500])])
            raise


def _run_row(summary: RunSummary, run_id: str, started: dt.datetime, inbox: str | None, version: str,
             status: str, error: str | None = None) -> dict[str, Any]:
    return dict(run_id=run_id, started_at=started, finished_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                inbox=str(inbox) if inbox else "", files_seen=summary.files_seen, files_new=summary.files_new,
                files_rejected=summary.files_rejected, files_duplicate=summary.files_duplicate,
                documents_loaded=summary.documents_loaded, status=status, pipeline_version=version, error=error)


def _run(layout: Layout, run_id: str, started: dt.datetime, summary: RunSummary, inbox: str | None,
         pipeline_version: str, sources: str | None, urls: list[str] | None) -> dict[str, Any]:
    """The flow body, under the run lock: extract → transform → load and publish."""
    if dropped := drop_uncommitted(layout, pipeline_version):
        _progress(f"removed {dropped} Parquet files of an earlier run that did not finish; its inputs are redone")
    processed = set(read_column(layout, "sources", pipeline_version, "source_sha256"))
    seen, inputs = discover(Path(inbox) if inbox else None, layout, processed)
    _progress(f"{seen} files in inbox, {len(inputs)} new")
    fetched = fetch_task(layout, processed, sources, tuple(urls or ())) if sources or urls else None
    if fetched is not None:  # web pages (flows/fetch.py): only bytes not processed yet become inputs
        have = {i.sha for i in inputs}
        inputs += [Input(f.uri, f.sha, f.raw_path, f.charset) for f in fetched.inputs if f.sha not in have]
        seen += fetched.pages
        summary.fetch = fetched.stats()
        _progress(fetched.describe())
    summary.files_seen, summary.files_new = seen, len(inputs)
    user_words = tuple(sorted(set(read_column(layout, "glossary", pipeline_version, "term"))))
    known = set(read_column(layout, "documents", pipeline_version, "document_id"))
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    batches = [inputs[i:i + BATCH_SIZE] for i in range(0, len(inputs), BATCH_SIZE)]
    counts: Counter[str] = Counter()
    shown = _ArtifactRows()
    written = 0

    def write(results: list[tuple[Input, FileResult]]) -> None:
        nonlocal written
        written += 1
        tables = _assemble(results, pipeline_version, run_id, known, now, summary)
        counts.update(write_parquet(layout, pipeline_version, f"{run_id}-b{written:05d}", tables))
        shown.add(tables)
        _progress(f"transformed and wrote batch {written}/{len(batches)} "
                  f"({min(written * BATCH_SIZE, len(inputs))}/{len(inputs)} files)")

    # A few batches in flight; each one's rows go to Parquet and are dropped, so memory stays flat however
    # large the inbox (holding all rows until the end cost about 2.5 MB a report).
    pending: deque = deque()
    try:
        for batch in batches:
            pending.append(transform_batch.submit(layout, batch, user_words))
            if len(pending) > IN_FLIGHT:
                write(pending.popleft().result())
        while pending:
            write(pending.popleft().result())
    finally:
        wait(list(pending))  # a failed batch fails the flow, but none is left running behind it
    if fetched is not None:  # pages that could not be fetched: reject rows, and the run goes on
        fetch_rejects = fetched.reject_rows(run_id, now, pipeline_version)
        summary.rejects.extend(fetch_rejects)
        summary.files_rejected += len(fetch_rejects)
        counts.update(write_parquet(layout, pipeline_version, f"{run_id}-fetch", {"rejects": fetch_rejects}))
        shown.add({"rejects": fetch_rejects})
    commit_task(layout, run_id, dict(counts))
    summary.counts = dict(counts)
    run_row = _run_row(summary, run_id, started, inbox, pipeline_version, "completed")
    summary.warehouse = publish_task(layout, pipeline_version, run_id, run_row)
    _progress(f"published {summary.warehouse}")
    publish_artifacts(summary.__dict__, shown.tables)
    return summary.__dict__
