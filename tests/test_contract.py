"""Contract: DESCRIBE of every reporting_v1 view equals the checked-in snapshot of CONTRACT.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

HERE = Path(__file__).resolve().parent
SNAPSHOT = json.loads((HERE / "contract" / "reporting_v1.json").read_text("utf-8"))
SNAPSHOT_V2 = json.loads((HERE / "contract" / "reporting_v2.json").read_text("utf-8"))
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


def _describe(db, schema: str, view: str) -> list[list[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [[name, typ] for name, typ, *_ in con.execute(f"describe {schema}.{view}").fetchall()]
    finally:
        con.close()


@pytest.mark.parametrize("view", sorted(SNAPSHOT))
def test_view_matches_contract(sample_warehouse, view):
    assert _describe(sample_warehouse, "reporting_v1", view) == SNAPSHOT[view]


@pytest.mark.parametrize("view", sorted(SNAPSHOT_V2))
def test_v2_only_adds_columns_and_reporting_points_at_it(sample_warehouse, view):
    v2 = _describe(sample_warehouse, "reporting_v2", view)
    assert v2 == SNAPSHOT_V2[view]
    assert v2[:len(SNAPSHOT[view])] == SNAPSHOT[view]          # v1's columns, same order and types, first
    assert _describe(sample_warehouse, "reporting", view) == v2  # the thin views follow the newest version


def test_v2_rows_are_v1_rows(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        for view in SNAPSHOT:
            cols = ", ".join(f'"{c}"' for c, _ in SNAPSHOT[view])
            diff = con.execute(f"select count(*) from (select {cols} from reporting_v2.{view} "
                               f"except all select {cols} from reporting_v1.{view})").fetchone()[0]
            n1 = con.execute(f"select count(*) from reporting_v1.{view}").fetchone()[0]
            n2 = con.execute(f"select count(*) from reporting_v2.{view}").fetchone()[0]
            assert (diff, n2) == (0, n1), view
        points = con.execute("select count(*) from reporting_v2.indicators where change_kind = 'points' "
                             "and evidence like '%百分点%'").fetchone()[0]
        tiedong = con.execute("select notes from reporting_v2.documents where region_name = '铁东区'").fetchone()[0]
    finally:
        con.close()
    assert points > 0
    assert any("210302" in n and "220303" in n for n in tiedong)


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
    assert [r[:2] for r in rows] == [("V001", "reporting_v1"), ("V002", "reporting_latest"),
                                     ("V003", "indicator_panel"), ("V004", "reporting_v2")]
