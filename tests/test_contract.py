"""Contract: DESCRIBE of every reporting_v1 view equals the checked-in snapshot of CONTRACT.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

HERE = Path(__file__).resolve().parent
SNAPSHOT = json.loads((HERE / "contract" / "reporting_v1.json").read_text("utf-8"))
CONTRACT_MD = HERE.parent / "docs" / "CONTRACT.md"


def _contract_tables() -> dict[str, list[list[str]]]:
    """The column tables of docs/CONTRACT.md, parsed the way the snapshot was made."""
    text = CONTRACT_MD.read_text("utf-8")
    out = {}
    for m in re.finditer(r"^## reporting_v1\.(\w+).*?\n((?:\|.*\n)+)", text, re.M):
        rows = m.group(2).strip().split("\n")[2:]
        out[m.group(1)] = [[c.strip() for c in r.strip().strip("|").split("|")][:2] for r in rows]
    return out


def test_snapshot_matches_contract_document():
    assert _contract_tables() == SNAPSHOT
    assert set(SNAPSHOT) == {"documents", "sections", "indicators", "glossary", "terms", "growth_targets"}


@pytest.mark.parametrize("view", sorted(SNAPSHOT))
def test_view_matches_contract(sample_warehouse, view):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        described = [[name, typ] for name, typ, *_ in con.execute(f"describe reporting_v1.{view}").fetchall()]
        latest = [[name, typ] for name, typ, *_ in con.execute(f"describe reporting.{view}").fetchall()]
    finally:
        con.close()
    assert described == SNAPSHOT[view]
    assert latest == SNAPSHOT[view]


def test_migrations_recorded_with_checksums(sample_warehouse):
    from flows.warehouse import migrations
    import hashlib
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        rows = con.execute("select version, name, checksum from ops.schema_migrations order by version").fetchall()
    finally:
        con.close()
    expected = [(v, n, hashlib.sha256(sql.encode()).hexdigest()) for v, n, sql in migrations()]
    assert rows == expected
    assert rows[0][:2] == ("V001", "reporting_v1")
