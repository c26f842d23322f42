"""The spine end to end: the Prefect flow builds, re-runs, rejects and publishes real warehouses."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from flows.etl import etl
from flows.store import Layout
from flows import warehouse as wh

DATA_TABLES = ("reporting_v1.documents", "reporting_v1.sections", "reporting_v1.indicators",
               "reporting_v1.glossary", "reporting_v1.terms", "reporting_v1.growth_targets", "ops.rejects")


def q(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    return {t: sorted(q(db, f"select * from {t}"), key=repr) for t in DATA_TABLES}


@pytest.fixture
def inbox(tmp_path, samples_dir) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    for f in samples_dir.glob("[0-9]*.txt"):
        shutil.copy(f, d / f.name)
    return d


def test_samples_build_fourteen_documents(sample_warehouse):
    assert q(sample_warehouse, "select count(*) from reporting_v1.documents") == [(14,)]
    parts = q(sample_warehouse, "select source_uri, count(*), min(part_index), max(part_index) from reporting_v1.documents "
                                "group by 1 order by 1")
    assert parts == [("000_13647472a810f8aa.txt", 1, 1, 1), ("001_88e7c62cb5127eba.txt", 10, 1, 10),
                     ("002_368e49043dcb499b.txt", 1, 1, 1), ("003_04fe9f3a688f1548.txt", 1, 1, 1),
                     ("004_1b65f65be8f80fa8.txt", 1, 1, 1)]
    row = q(sample_warehouse, "select region_name, region_code, admin_level, province, prefecture, plan_year, review_year, "
                              "meeting_date::varchar, congress_term, congress_session, speaker, speaker_title, script "
                              "from reporting_v1.documents where source_uri like '000_%'")
    assert row == [("樟树市", "360982", "county", "江西省", "宜春市", 2022, 2021, "2022-02-18", 9, 2, "陈钰", "市长", "simplified")]
    assert q(sample_warehouse, "select script from reporting_v1.documents where source_uri like '002_%'") == [("traditional",)]
    # Every section, indicator and glossary row belongs to a loaded document.
    for t in ("sections", "indicators", "glossary", "terms"):
        orphans = q(sample_warehouse, f"select count(*) from reporting_v1.{t} x anti join reporting_v1.documents d using (document_id)")
        assert orphans == [(0,)], t
    runs = q(sample_warehouse, "select files_seen, files_new, files_rejected, documents_loaded, status from ops.runs")
    assert runs == [(5, 5, 0, 14, "completed")]


def test_provenance_to_raw_bytes(sample_warehouse, samples_dir):
    """Each document names the sha256 of its raw bytes, and those bytes are kept in the raw store."""
    rows = q(sample_warehouse, "select d.source_uri, d.source_sha256, c.raw_path from reporting_v1.documents d "
                               "join core.documents c using (document_id)")
    import hashlib
    for uri, sha, raw_path in rows:
        kept = sample_warehouse.parent / raw_path
        assert kept.read_bytes() == (samples_dir / uri).read_bytes()
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == sha


def test_sections_tile_the_cleaned_text(sample_warehouse):
    rows = q(sample_warehouse, "select d.document_id, d.cleaned_text, string_agg(s.body, '' order by s.position), "
                               "min(s.char_start), max(s.char_end) from core.documents d join reporting_v1.sections s "
                               "using (document_id) group by all")
    assert len(rows) == 14
    for doc_id, text, joined, start, end in rows:
        assert joined == text, doc_id
        assert (start, end) == (0, len(text))


def test_second_run_changes_nothing(prefect_harness, inbox, tmp_path):
    db = tmp_path / "wh" / "reports.duckdb"
    first = etl(inbox=str(inbox), warehouse=str(db))
    before = snapshot(db)
    second = etl(inbox=str(inbox), warehouse=str(db))
    assert (first["files_new"], first["documents_loaded"]) == (5, 14)
    assert (second["files_new"], second["documents_loaded"]) == (0, 0)
    assert snapshot(db) == before
    assert q(db, "select count(*), sum(files_new) from ops.runs") == [(2, 5)]


def test_bad_inputs_are_rejected_and_kept(prefect_harness, inbox, tmp_path):
    (inbox / "empty.txt").write_bytes(b"")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    (inbox / "chart.png").write_bytes(png)
    (inbox / "notice.txt").write_text("关于做好2022年春节期间安全生产工作的通知\n各单位：请认真落实。" * 20, encoding="utf-8")
    db = tmp_path / "wh" / "reports.duckdb"
    summary = etl(inbox=str(inbox), warehouse=str(db))
    assert summary["files_rejected"] == 3
    rejects = {r[0]: r[1:] for r in q(db, "select source_uri, reason, stage, detail from ops.rejects")}
    assert rejects["empty.txt"][0] == "empty"
    assert rejects["chart.png"][0] == "binary" and "PNG" in rejects["chart.png"][2]
    assert rejects["notice.txt"][0] == "not_a_report"
    assert all(len(detail) > 30 for _, _, detail in rejects.values())
    raw_paths = dict(q(db, "select source_uri, raw_path from ops.rejects"))
    assert (db.parent / raw_paths["chart.png"]).read_bytes() == png
    assert q(db, "select count(*) from reporting_v1.documents") == [(14,)]
    # A rejected file is not retried on the next run (its bytes have been seen), and is not lost.
    again = etl(inbox=str(inbox), warehouse=str(db))
    assert again["files_new"] == 0 and q(db, "select count(*) from ops.rejects") == [(3,)]


def test_same_report_from_two_files_is_loaded_once(prefect_harness, inbox, tmp_path, samples_dir):
    # The same bytes under another name are the same input; the same report re-wrapped is the same document.
    original = (samples_dir / "000_13647472a810f8aa.txt").read_bytes()
    (inbox / "repost.txt").write_bytes(b"\n\n" + original + b"\n")
    db = tmp_path / "wh" / "reports.duckdb"
    summary = etl(inbox=str(inbox), warehouse=str(db))
    assert summary["files_duplicate"] == 1
    assert q(db, "select count(*), count(distinct document_id) from reporting_v1.documents") == [(14, 14)]
    assert q(db, "select status from ops.sources where source_uri = 'repost.txt'") == [("duplicate",)]


def test_version_bump_reprocesses_from_kept_raw_bytes(prefect_harness, inbox, tmp_path):
    db = tmp_path / "wh" / "reports.duckdb"
    etl(inbox=str(inbox), warehouse=str(db))
    empty_inbox = tmp_path / "empty-inbox"
    empty_inbox.mkdir()
    bumped = etl(inbox=str(empty_inbox), warehouse=str(db), pipeline_version="9.9.9-test")
    assert bumped["files_new"] == 5 and bumped["documents_loaded"] == 14
    assert q(db, "select distinct pipeline_version from reporting_v1.documents") == [("9.9.9-test",)]


def test_reader_keeps_working_across_a_publish(prefect_harness, inbox, tmp_path, samples_dir):
    db = tmp_path / "wh" / "reports.duckdb"
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(samples_dir / "000_13647472a810f8aa.txt", small)
    etl(inbox=str(small), warehouse=str(db))
    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert reader.execute("select count(*) from reporting_v1.documents").fetchone() == (1,)
        errors: list[BaseException] = []
        stop = threading.Event()

        def keep_reading() -> None:
            while not stop.is_set():
                try:
                    reader.cursor().execute("select count(*) from reporting_v1.sections").fetchone()
                except BaseException as exc:  # noqa: BLE001 - any error here is the failure under test
                    errors.append(exc)
                    return

        t = threading.Thread(target=keep_reading)
        t.start()
        etl(inbox=str(inbox), warehouse=str(db))   # publishes while the reader holds the old file
        stop.set()
        t.join()
        assert errors == []
        # The open reader still sees the old snapshot; a new connection sees the new run.
        assert reader.execute("select count(*) from reporting_v1.documents").fetchone() == (1,)
    finally:
        reader.close()
    assert q(db, "select count(*) from reporting_v1.documents") == [(14,)]


def test_failed_publish_leaves_previous_warehouse(prefect_harness, inbox, tmp_path, monkeypatch, samples_dir):
    db = tmp_path / "wh" / "reports.duckdb"
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(samples_dir / "000_13647472a810f8aa.txt", small)
    etl(inbox=str(small), warehouse=str(db))
    before = db.read_bytes()

    def broken(con):
        con.execute("select * from table_that_does_not_exist")

    monkeypatch.setattr(wh, "apply_migrations", broken)
    with pytest.raises(Exception):
        etl(inbox=str(inbox), warehouse=str(db))
    assert db.read_bytes() == before
    assert q(db, "select count(*) from reporting_v1.documents") == [(1,)]
    assert not list(db.parent.glob(".reports.duckdb.building-*"))


def test_kill_during_publish_leaves_previous_warehouse(tmp_path, inbox, samples_dir):
    """SIGKILL a real `gwr run` while it is building the new DuckDB file: the published file is the previous one,
    byte for byte, and the next run cleans up and publishes."""
    import os
    import signal
    import subprocess
    import sys
    import time
    db = tmp_path / "wh" / "reports.duckdb"
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(samples_dir / "000_13647472a810f8aa.txt", small)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    cmd = [sys.executable, "-m", "flows.cli", "run", "--warehouse", str(db)]
    subprocess.run(cmd + ["--inbox", str(small)], check=True, env=env, capture_output=True, timeout=300)
    before = db.read_bytes()
    proc = subprocess.Popen(cmd + ["--inbox", str(inbox)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    building: list[Path] = []
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline and not building:
        building = list(db.parent.glob(".reports.duckdb.building-*"))
        time.sleep(0.002)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert building, "the run finished before its publish could be caught"
    assert db.read_bytes() == before
    assert q(db, "select count(*) from reporting_v1.documents") == [(1,)]
    # The killed run's Parquet was committed before publishing, so the next run has nothing new but publishes it.
    subprocess.run(cmd + ["--inbox", str(inbox)], check=True, env=env, capture_output=True, timeout=300)
    assert q(db, "select count(*) from reporting_v1.documents") == [(14,)]
    assert not list(db.parent.glob(".reports.duckdb.building-*"))


def test_terms_weights_are_tf_idf_against_the_warehouse(sample_warehouse):
    rows = q(sample_warehouse, """
        with t as (select document_id, sum("count") as tokens from reporting_v1.terms group by 1),
             f as (select term, count(*) as df from reporting_v1.terms group by 1)
        select max(abs(x.weight - x."count"::double / t.tokens * ln(14.0 / f.df)))
        from reporting_v1.terms x join t using (document_id) join f using (term)""")
    assert rows[0][0] < 1e-12
    # What a report is about shows at a glance: 句容's top words name its own places.
    top = q(sample_warehouse, """select t.term from reporting_v1.terms t join reporting_v1.documents d using (document_id)
                                 where d.region_name = '句容市' order by t.weight desc limit 5""")
    assert {"句容", "茅山"} <= {r[0] for r in top}
    # A word every report uses weighs nothing.
    assert q(sample_warehouse, "select max(weight) from reporting_v1.terms where term = '企业'") == [(0.0,)]


def test_every_indicator_evidence_is_exact(sample_warehouse):
    rows = q(sample_warehouse, """select count(*), count(*) filter (where substring(d.cleaned_text, i.char_start + 1,
                                  i.char_end - i.char_start) = i.evidence) from reporting_v1.indicators i
                                  join core.documents d using (document_id)""")
    assert rows[0][0] > 0 and rows[0][0] == rows[0][1]
    # ... and sits inside the section it names.
    bad = q(sample_warehouse, """select count(*) from reporting_v1.indicators i join reporting_v1.sections s using (section_id)
                                 where not (i.char_start >= s.char_start and i.char_start < s.char_end)""")
    assert bad == [(0,)]


def test_run_dying_while_writing_tables_loses_nothing(prefect_harness, inbox, tmp_path, monkeypatch):
    """A run that fails halfway through writing its Parquet leaves no partial rows; the next run redoes its
    inputs completely, and the failed run is recorded in ops.runs with its error."""
    from flows import etl as etl_module
    real_write = etl_module.write_table

    def dies_at_terms(layout, table, version, run_id, rows):
        if table == "terms":
            raise OSError("disk full (simulated)")
        return real_write(layout, table, version, run_id, rows)

    db = tmp_path / "wh" / "reports.duckdb"
    monkeypatch.setattr("flows.store.write_table", dies_at_terms)
    monkeypatch.setattr(etl_module, "write_table", dies_at_terms)
    with pytest.raises(OSError):
        etl(inbox=str(inbox), warehouse=str(db))
    assert not db.exists()
    assert list((db.parent / "parquet" / "documents").rglob("*.parquet"))   # written, but never committed
    monkeypatch.undo()
    summary = etl(inbox=str(inbox), warehouse=str(db))
    assert (summary["files_new"], summary["documents_loaded"]) == (5, 14)
    assert q(db, "select count(distinct document_id) from reporting_v1.sections") == [(14,)]
    assert q(db, "select count(*) from reporting_v1.documents") == [(14,)]
    assert len(list((db.parent / "parquet" / "documents").rglob("*.parquet"))) == 1
    runs = q(db, "select status, error from ops.runs order by started_at")
    assert [r[0] for r in runs] == ["failed", "completed"]
    assert runs[0][1] == "OSError: disk full (simulated)"
