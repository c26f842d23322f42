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


def test_empty_query_is_one_line(sample_warehouse, capsys):
    assert main(["query", "  ", "--warehouse", str(sample_warehouse)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("gwr: empty query")


def test_status_into_a_closed_pipe_is_quiet(sample_warehouse):
    import subprocess
    import sys
    proc = subprocess.run(f"{sys.executable} -m flows.cli status --warehouse {sample_warehouse} | head -1",
                          shell=True, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "Last runs:"
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_second_warehouse_in_the_same_folder_is_refused(sample_warehouse, tmp_path, capsys):
    other = sample_warehouse.parent / "other.duckdb"
    code = main(["run", "--inbox", str(tmp_path), "--warehouse", str(other)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert err[0] == (f"gwr: {sample_warehouse.parent} already holds the warehouse reports.duckdb (its raw/ and "
                      "parquet/); give other.duckdb a folder of its own")
    assert not other.exists()
