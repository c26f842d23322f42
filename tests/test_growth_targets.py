"""reporting_v1.growth_targets: GDP growth targets against the growth a later report of the region states.

The two-year test uses the real 樟树市 2022 report (samples/000_…) and a TEST FIXTURE made from it in the
test: the same text moved on one year (2022→2023, 2021→2022, 第二次会议→第三次会议) with a realised GDP
growth of 7.5% for 2022 and a 2023 target of 7% written in. It is not a real report.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.expect import ALL_KEYS, SAMPLES, expectation

ZHANGSHU = SAMPLES / "000_13647472a810f8aa.txt"
YEAR_SHIFT = {"2022": "2023", "2021": "2022", "2020": "2021"}


def next_year_fixture(text: str) -> str:
    """樟树市 2023 as a test fixture: years moved on by one, a stated 2022 outcome and a new target."""
    out = re.sub(r"20(?:22|21|20)", lambda m: YEAR_SHIFT[m.group(0)], text)
    out = out.replace("第二次会议", "第三次会议")
    # The review of 2022 states the realised growth; the real 2022 report states 2021's (490.2亿元, 9%).
    assert "全市实现地区生产总值490.2亿元,增长9%" in out
    out = out.replace("全市实现地区生产总值490.2亿元,增长9%", "全市实现地区生产总值530.1亿元,增长7.5%")
    assert "全市生产总值增长7.8%以上" in out
    return out.replace("全市生产总值增长7.8%以上", "全市生产总值增长7%以上")


@pytest.fixture(scope="module")
def two_year_warehouse(prefect_harness, tmp_path_factory) -> Path:
    from flows.etl import etl
    root = tmp_path_factory.mktemp("gt")
    inbox = root / "inbox"
    inbox.mkdir()
    text = ZHANGSHU.read_text("utf-8")
    (inbox / ZHANGSHU.name).write_text(text, "utf-8")
    (inbox / "TEST_FIXTURE_zhangshu_2023_made_from_000.txt").write_text(next_year_fixture(text), "utf-8")
    db = root / "wh" / "reports.duckdb"
    etl(inbox=str(inbox), warehouse=str(db))
    return db


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_target_against_the_next_reports_outcome(two_year_warehouse):
    docs = dict(rows(two_year_warehouse, "select plan_year, document_id from reporting_v1.documents"))
    assert set(docs) == {2022, 2023}
    got = rows(two_year_warehouse, """
        select region_code, region_name, admin_level, province, year, target_pct, target_pct_high, qualifier,
               actual_pct, attained, target_document_id, actual_document_id
        from reporting_v1.growth_targets where target_pct is not null order by year""")
    assert got == [
        # 2022: the real report's target 7.8%以上; the fixture's review of 2022 says 增长7.5%: not attained
        ("360982", "樟树市", "county", "江西省", 2022, 7.8, 7.8, "以上", 7.5, False, docs[2022], docs[2023]),
        # 2023: the fixture's target; no later report loaded yet
        ("360982", "樟树市", "county", "江西省", 2023, 7.0, 7.0, "以上", None, None, docs[2023], None),
    ]


def test_an_outcome_without_its_target_report_has_a_row(two_year_warehouse):
    # 2021's outcome (全市实现地区生产总值490.2亿元,增长9%) is stated by the real 2022 report, but no loaded report
    # set a 2021 target: the row shows the outcome, and attained stays NULL.
    docs = dict(rows(two_year_warehouse, "select plan_year, document_id from reporting_v1.documents"))
    got = rows(two_year_warehouse, "select * from reporting_v1.growth_targets where year = 2021")
    assert got == [("360982", "樟树市", "county", "江西省", 2021, None, None, None, 9.0, None, None, docs[2022])]


def test_every_sample_gdp_target_has_a_row(sample_warehouse):
    """Each sample report whose hand-checked expectations hold a GDP growth target for its plan year."""
    found = {(uri[:3], part): (year, low, high, q) for uri, part, year, low, high, q in rows(sample_warehouse, """
        select d.source_uri, d.part_index, g.year, g.target_pct, g.target_pct_high, g.qualifier
        from reporting_v1.growth_targets g join reporting_v1.documents d on d.document_id = g.target_document_id""")}
    checked = 0
    for key in ALL_KEYS:
        targets = [e for e in expectation(key, "indicators").get("indicator", [])
                   if e["metric"] == "gdp" and e["kind"] == "target" and "growth_pct" in e]
        if not targets:
            continue
        first = targets[0]          # the 主要预期目标 figure comes first in the report
        prefix, part = key.split("_")
        assert found[(prefix, int(part))] == (first["year"], first["growth_pct"],
                                              first.get("growth_pct_high", first["growth_pct"]),
                                              first.get("qualifier")), key
        checked += 1
    assert checked == 14


def test_growth_targets_columns_are_the_contract(sample_warehouse):
    cols = rows(sample_warehouse, """select column_name, data_type from information_schema.columns
        where table_schema = 'reporting_v1' and table_name = 'growth_targets' order by ordinal_position""")
    assert cols == [("region_code", "VARCHAR"), ("region_name", "VARCHAR"), ("admin_level", "VARCHAR"),
                    ("province", "VARCHAR"), ("year", "INTEGER"), ("target_pct", "DOUBLE"),
                    ("target_pct_high", "DOUBLE"), ("qualifier", "VARCHAR"), ("actual_pct", "DOUBLE"),
                    ("attained", "BOOLEAN"), ("target_document_id", "VARCHAR"), ("actual_document_id", "VARCHAR")]


def test_indicator_evidence_in_the_warehouse(sample_warehouse):
    """Every indicator's evidence is the document text at its offsets, and its section contains it."""
    assert rows(sample_warehouse, "select count(*) > 100 from reporting_v1.indicators") == [(True,)]
    bad = rows(sample_warehouse, """
        select i.indicator_id from reporting_v1.indicators i
        join core.documents d using (document_id)
        where i.evidence is null or i.char_end <= i.char_start
           or substring(d.cleaned_text, i.char_start + 1, i.char_end - i.char_start) <> i.evidence""")
    assert bad == []
    assert rows(sample_warehouse, """select count(*) = count(distinct indicator_id) from reporting_v1.indicators""") \
        == [(True,)]
    outside = rows(sample_warehouse, """
        select i.indicator_id from reporting_v1.indicators i
        join reporting_v1.sections s using (section_id)
        where i.char_start < s.char_start or i.char_start >= s.char_end""")
    assert outside == []



def test_indicator_panel_outside_the_contract(sample_warehouse):
    # 樟树市 (000_1): 2021 全市实现地区生产总值490.2亿元,增长9%; 城镇居民人均可支配收入43288元; 2022 target 7.8%以上
    got = rows(sample_warehouse, """
        select year, gdp_yuan, gdp_growth_pct, gdp_growth_target_pct, urban_disposable_income_yuan
        from reporting_ext.indicator_panel where region_code = '360982' order by year""")
    assert got == [(2021, 490.2e8, 9.0, None, 43288.0), (2022, None, None, 7.8, None)]
