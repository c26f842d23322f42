"""The warehouse folder: raw bytes by hash, Parquet partitions, and the run lock."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .schemas import SCHEMAS, VERSIONED


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


class WarehouseConflict(RuntimeError):
    """The folder's raw/ and parquet/ already belong to a warehouse file of another name."""


@dataclass(frozen=True)
class Layout:
    """Paths under a warehouse root: <root>/reports.duckdb, <root>/raw/, <root>/parquet/."""

    db: Path

    @property
    def root(self) -> Path:
        return self.db.parent

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def parquet(self) -> Path:
        return self.root / "parquet"

    def raw_path(self, sha: str) -> Path:
        return self.raw / sha[:2] / sha

    def table_dir(self, table: str, version: str) -> Path:
        if table in VERSIONED:
            return self.parquet / table / f"pipeline_version={version}"
        return self.parquet / table


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def keep_raw(layout: Layout, raw: bytes, meta: dict[str, Any]) -> Path:
    """Store raw bytes once by hash, with a sidecar of where and how they came (appended per sighting)."""
    sha = sha256(raw)
    path = layout.raw_path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        _atomic_write(path, raw)
    side = path.with_suffix(".json")
    seen = json.loads(side.read_text("utf-8")) if side.exists() else {"sha256": sha, "sightings": []}
    key = {k: meta.get(k) for k in ("source_uri",)}
    if not any(s.get("source_uri") == key["source_uri"] for s in seen["sightings"]):
        seen["sightings"].append(meta)
        _atomic_write(side, json.dumps(seen, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
    return path


def kept_raw(layout: Layout) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(sha, first source_uri, first sighting) of every kept raw file, for reprocessing after a version bump."""
    for side in sorted(layout.raw.glob("*/*.json")):
        info = json.loads(side.read_text("utf-8"))
        first = info["sightings"][0] if info["sightings"] else {}
        yield info["sha256"], first.get("source_uri", info["sha256"]), first


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_table(layout: Layout, table: str, version: str, run_id: str, rows: list[dict[str, Any]]) -> Path | None:
    """Write one run's rows of a table as one Parquet file (atomically); no file for no rows."""
    if not rows:
        return None
    schema = SCHEMAS[table]
    arrow = pa.Table.from_pylist(rows, schema=schema)
    out = layout.table_dir(table, version) / f"run={run_id}.parquet"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    pq.write_table(arrow, tmp, compression="zstd")
    os.replace(tmp, out)
    return out


# A run writes one file per table and batch: run=<run id>-b00001.parquet (and -fetch for fetch rejects).
_PART_SUFFIX = re.compile(r"-(?:b\d{5}|fetch)$")


def _run_of(path: Path) -> str:
    return _PART_SUFFIX.sub("", path.stem.removeprefix("run="))


def commit_marker(layout: Layout, run_id: str) -> Path:
    return layout.parquet / "_commits" / f"{run_id}.json"


def commit_run(layout: Layout, run_id: str, counts: dict[str, int]) -> None:
    """Mark a run's data files as complete. Until then readers ignore them, so a run killed halfway through
    writing its tables leaves no partial rows behind (its inputs count as new again on the next run)."""
    marker = commit_marker(layout, run_id)
    marker.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(marker, json.dumps({"run_id": run_id, "rows": counts}).encode("utf-8"))


def drop_uncommitted(layout: Layout, version: str) -> int:
    """Delete data files of runs that died before committing (call under the run lock); returns how many."""
    dropped = 0
    for table in VERSIONED:
        d = layout.table_dir(table, version)
        for f in sorted(d.glob("*.parquet")) if d.exists() else []:
            if not commit_marker(layout, _run_of(f)).exists():
                f.unlink()
                dropped += 1
    return dropped


def table_files(layout: Layout, table: str, version: str) -> list[Path]:
    """The Parquet files of a table: for data tables only those of committed runs."""
    d = layout.table_dir(table, version)
    files = sorted(d.glob("*.parquet")) if d.exists() else []
    if table in VERSIONED:
        files = [f for f in files if commit_marker(layout, _run_of(f)).exists()]
    return files


def read_column(layout: Layout, table: str, version: str, column: str) -> list[Any]:
    files = table_files(layout, table, version)
    if not files:
        return []
    # File by file: a list of paths under key=value folders would make pyarrow add partition columns.
    return [v for f in files for v in pq.read_table(f, columns=[column]).column(column).to_pylist()]


def empty_table_file(layout: Layout, table: str) -> Path:
    """A schema-only Parquet file, so SQL over a table with no rows yet still has columns."""
    out = layout.parquet / "_empty" / f"{table}.parquet"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(SCHEMAS[table].empty_table(), out)
    return out


@contextlib.contextmanager
def run_lock(layout: Layout) -> Iterator[None]:
    """One run at a time per warehouse: a second concurrent run fails fast instead of racing."""
    layout.root.mkdir(parents=True, exist_ok=True)
    fh = open(layout.root / ".run.lock", "w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WarehouseBusy(f"another run is using {layout.root}; wait for it to finish") from exc
        _claim_folder(layout)
        yield
    finally:
        fh.close()


OWNER_FILE = ".gwr-warehouse"


def _claim_folder(layout: Layout) -> None:
    """raw/ and parquet/ sit beside the DuckDB file, so one folder serves one warehouse: a second warehouse name in
    the same folder would silently publish the first one's reports."""
    owner = layout.root / OWNER_FILE
    if owner.exists():
        name = owner.read_text("utf-8").strip()
        if name != layout.db.name:
            raise WarehouseConflict(f"{layout.root} already holds the warehouse {name} (its raw/ and parquet/); "
                                    f"give {layout.db.name} a folder of its own")
    else:
        _atomic_write(owner, layout.db.name.encode("utf-8"))
