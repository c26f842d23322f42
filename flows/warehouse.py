"""Publish: build a new DuckDB file from the Parquet tables beside the old one, then swap it in atomically.

Readers holding the old file keep their inode and keep working; a crash before the rename leaves the
previous warehouse untouched. The file is written with STORAGE_VERSION v1.4.0 so the DuckDB that BI
drivers embed can open it.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb

from .store import Layout, empty_table_file, table_files

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
STORAGE_VERSION = "v1.4.0"
STAGING_ORDER = ("documents", "sections", "indicators", "glossary", "terms", "footnotes", "sources", "rejects", "runs")


class PublishError(RuntimeError):
    """The new warehouse could not be built; the previous one is still in place."""


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def migrations() -> list[tuple[str, str, str]]:
    """(version, name, sql) of sql/migrations, in order."""
    out = []
    for f in sorted((SQL_DIR / "migrations").glob("V*__*.sql")):
        version, _, name = f.stem.partition("__")
        out.append((version, name, f.read_text("utf-8")))
    return out


def publish(layout: Layout, version: str, run_id: str) -> Path:
    """Rebuild layout.db from Parquet; returns the published path."""
    layout.db.parent.mkdir(parents=True, exist_ok=True)
    tmp = layout.db.with_name(f".{layout.db.name}.building-{run_id}")
    # Builds of runs that were killed are garbage (the caller holds the run lock, so none is in progress).
    for leftover in layout.db.parent.glob(f".{layout.db.name}.building-*"):
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect()
        try:
            con.execute(f"attach '{tmp}' as w (storage_version '{STORAGE_VERSION}')")
            # USE the new file and leave catalog names out, so views resolve when the file is opened directly.
            con.execute("use w")
            for table in STAGING_ORDER:
                files = table_files(layout, table, version) or [empty_table_file(layout, table)]
                sql = (SQL_DIR / "staging" / f"{table}.sql").read_text("utf-8").replace("{files}", _sql_list(files))
                con.execute(sql)
            con.execute((SQL_DIR / "core" / "core.sql").read_text("utf-8"))
            apply_migrations(con)
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, layout.db)
    except duckdb.Error as exc:
        tmp.unlink(missing_ok=True)
        raise PublishError(f"could not build the warehouse: {exc}") from exc
    return layout.db


def apply_migrations(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the versioned view scripts in one transaction and record their checksums."""
    con.execute("create schema if not exists ops")
    con.execute("create table if not exists ops.schema_migrations (version varchar primary key, name varchar, "
                "checksum varchar, applied_at timestamp default current_timestamp)")
    con.execute("begin transaction")
    try:
        for version, name, sql in migrations():
            con.execute(sql)
            checksum = hashlib.sha256(sql.encode("utf-8")).hexdigest()
            con.execute("insert or replace into ops.schema_migrations (version, name, checksum) values (?, ?, ?)",
                        [version, name, checksum])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
