"""The transform step on Dask (prefect-dask's DaskTaskRunner) gives the same tables as the default threads.

A real dask.distributed LocalCluster on this machine: two worker processes, one thread each, so the
transform tasks, their inputs and their results really cross process boundaries (pickled), as on a cluster.
"""
from __future__ import annotations

import duckdb
import pytest

from tests.expect import SAMPLES

# Differ between two runs by design (when and by which run a row was loaded), not by what was extracted.
RUN_COLUMNS = {"ingested_at", "run_id", "seen_at"}
TABLES = ("documents", "sections", "indicators", "glossary", "terms", "growth_targets")


def _rows(db, view: str) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'reporting_v1' "
            "and table_name = ? order by ordinal_position", [view]).fetchall()]
        keep = [c for c in cols if c not in RUN_COLUMNS]
        sql = f"select {', '.join(keep)} from reporting_v1.{view} order by all"
        return keep, con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def dask_cluster():
    from dask.distributed import LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           host="127.0.0.1")
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.mark.slow
def test_dask_runner_gives_the_same_tables_as_threads(prefect_harness, sample_warehouse, dask_cluster, tmp_path,
                                                      monkeypatch):
    from dask.distributed import Client

    from flows.etl import etl
    from flows.runners import make_task_runner
    # Configured the way an operator would: GWR_TASK_RUNNER=dask, GWR_DASK_ADDRESS=<the scheduler>.
    monkeypatch.setenv("GWR_TASK_RUNNER", "dask")
    monkeypatch.setenv("GWR_DASK_ADDRESS", dask_cluster.scheduler_address)
    runner = make_task_runner()
    assert type(runner).__name__ == "DaskTaskRunner"
    db = tmp_path / "dask" / "reports.duckdb"
    with Client(dask_cluster) as client:
        summary = etl.with_options(task_runner=runner)(inbox=str(SAMPLES), warehouse=str(db))
        # The transform tasks ran on the cluster's workers: the scheduler saw a transform-batch task.
        keys = client.run_on_scheduler(lambda dask_scheduler: [str(k) for k in dask_scheduler.task_prefixes])
    assert any("transform-batch" in k or "transform_batch" in k for k in keys), keys
    assert summary["documents_loaded"] == 14 and summary["files_rejected"] == 0
    for view in TABLES:
        cols_t, rows_t = _rows(sample_warehouse, view)
        cols_d, rows_d = _rows(db, view)
        assert cols_d == cols_t
        assert rows_t, view
        assert rows_d == rows_t, view
