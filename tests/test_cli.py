"""The gwr CLI: read-only queries as tables, status, and one-line errors."""
from __future__ import annotations

from flows.cli import main


def test_query_prints_a_table(sample_warehouse, capsys):
    code = main(["query", "select region_name, speaker from reporting_v1.documents where region_name = '樟树市'",
                 "--warehouse", str(sample_warehouse)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].split() == ["region_name", "speaker"]
    assert out[2].split() == ["樟树市", "陈钰"]
    assert out[-1] == "(1 row)"


def test_query_is_read_only(sample_warehouse, capsys):
    code = main(["query", "delete from core.documents", "--warehouse", str(sample_warehouse)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith("gwr: query failed:")
    main(["query", "select count(*) as n from reporting_v1.documents", "--warehouse", str(sample_warehouse)])
    assert capsys.readouterr().out.splitlines()[2].strip() == "14"


def test_missing_warehouse_is_one_line(tmp_path, capsys):
    code = main(["status", "--warehouse", str(tmp_path / "nope.duckdb")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and err == [f"gwr: no warehouse at {tmp_path / 'nope.duckdb'}; run `gwr run` first"]


def test_run_on_missing_inbox_is_one_line(tmp_path, capsys):
    code = main(["run", "--inbox", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == 1
    assert capsys.readouterr().err.strip() == f"gwr: inbox {tmp_path / 'missing'} is not a directory"


def test_status_shows_runs_counts_and_rejects(sample_warehouse, capsys):
    assert main(["status", "--warehouse", str(sample_warehouse)]) == 0
    out = capsys.readouterr().out
    assert "Last runs:" in out and "Rejects:" in out
    counts = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.split()[:1] in
              (["documents"], ["sections"], ["indicators"], ["glossary"], ["terms"], ["rejects"])}
    assert counts["documents"] == "14" and counts["rejects"] == "0"
