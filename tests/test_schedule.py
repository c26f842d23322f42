"""Scheduling against a real Prefect server on loopback: `gwr serve` runs the flow on its schedule.

Starts `prefect server start` and `gwr serve --interval` as subprocesses in their own process groups
with a private PREFECT_HOME, waits for two scheduled runs (the first loads the 14 sample reports, the
second finds nothing new), checks the warehouse, the artifacts and the deployment's concurrency limit,
and that the schedule stays active after the serving process stops. Everything started is killed.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.expect import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
GWR = Path(sys.executable).parent / "gwr"
PREFECT = Path(sys.executable).parent / "prefect"
DEPLOYMENT = "gwr-etl/gwr-test-schedule"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """SIGINT the whole process group (a graceful stop), then SIGKILL whatever is left."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # children (uvicorn, flow-run processes) share the group
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


def _wait_for(pred, timeout: float, what: str, procs: list[subprocess.Popen], interval: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise AssertionError(f"{p.args[:3]} exited with {p.returncode} while waiting for {what}")
        got = pred()
        if got:
            return got
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """A real Prefect server on 127.0.0.1:<free port> with its own home; yields (api_url, env)."""
    tmp_path = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING",
               # Schedule new runs every 2 s instead of every 60 s, so the test sees them quickly.
               PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2")
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            return httpx.get(api + "/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False
    try:
        _wait_for(healthy, 90, "the Prefect server", [proc])
        yield api, dict(env, PREFECT_API_URL=api)
    finally:
        _stop(proc)
        log.close()


@pytest.mark.slow
def test_served_flow_runs_on_schedule_and_loads_warehouse(prefect_server, tmp_path, monkeypatch):
    api, env = prefect_server
    wh = tmp_path / "wh" / "reports.duckdb"
    serve_env = dict(env, PREFECT_RUNNER_POLL_FREQUENCY="2", GWR_TASK_RUNNER="threads")
    log = open(tmp_path / "serve.log", "wb")
    serve = subprocess.Popen([str(GWR), "serve", "--inbox", str(SAMPLES), "--warehouse", str(wh),
                              "--interval", "8", "--name", "gwr-test-schedule"],
                             cwd=ROOT, env=serve_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    # The test process talks to the same server through the Prefect client.
    monkeypatch.setenv("PREFECT_API_URL", api)
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.settings import PREFECT_API_URL, temporary_settings

    try:
        with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
            def deployment():
                try:
                    return client.read_deployment_by_name(DEPLOYMENT)
                except Exception:  # not created yet (ObjectNotFound)
                    return None
            dep = _wait_for(deployment, 60, "the served deployment", [serve])
            assert dep.parameters == {"inbox": str(SAMPLES.resolve()), "warehouse": str(wh.resolve())}
            assert dep.global_concurrency_limit.limit == 1
            assert dep.concurrency_options.collision_strategy.value == "ENQUEUE"
            assert [s.active for s in dep.schedules] == [True]

            def completed(n: int):
                runs = client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep.id])),
                    flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                        type=FlowRunFilterStateType(any_=[StateType.COMPLETED, StateType.FAILED, StateType.CRASHED]))),
                    sort=FlowRunSort.START_TIME_ASC, limit=50)  # the sync client sends limit=null, which 3.8 rejects
                bad = [r for r in runs if r.state_type != StateType.COMPLETED]
                assert not bad, f"scheduled run failed: {bad[0].state}; see {tmp_path / 'serve.log'}"
                return runs if len(runs) >= n else None
            runs = _wait_for(lambda: completed(2), 100, "two completed scheduled runs", [serve])
            first, second = runs[0], runs[1]
            # Scheduled by the server, not triggered by hand; never overlapping (concurrency limit 1).
            assert first.auto_scheduled and second.auto_scheduled
            assert second.start_time >= first.end_time
            print(f"\nscheduled runs: first {first.total_run_time.total_seconds():.1f} s (14 documents), "
                  f"no-change {second.total_run_time.total_seconds():.1f} s; "
                  f"expected start → end of second {(second.end_time - second.expected_start_time).total_seconds():.1f} s")

            con = duckdb.connect(str(wh), read_only=True)
            try:
                assert con.execute("select count(*) from reporting_v1.documents").fetchone()[0] == 14
                loaded = con.execute("select documents_loaded, files_new from ops.runs order by started_at").fetchall()
            finally:
                con.close()
            assert loaded[:2] == [(14, 5), (0, 0)]

            # The REST API directly: the 3.8.8 sync client sends nulls the artifacts endpoint rejects.
            arts = httpx.post(api + "/artifacts/filter", timeout=10, json={
                "artifacts": {"key": {"any_": ["gwr-run-summary", "gwr-run-table"]}}, "limit": 50}).json()
            by_run = {(a["key"], a["flow_run_id"]) for a in arts}
            for run in (first, second):
                assert ("gwr-run-summary", str(run.id)) in by_run and ("gwr-run-table", str(run.id)) in by_run
            first_table = next(a for a in arts if a["key"] == "gwr-run-table" and a["flow_run_id"] == str(first.id))
            assert first_table["type"] == "table" and "new document" in str(first_table["data"])

            # Stop serving: with pause_on_shutdown=False the schedule stays active for the next `gwr serve`.
            _stop(serve)
            assert [s.active for s in client.read_deployment_by_name(DEPLOYMENT).schedules] == [True]
    finally:
        _stop(serve)
        log.close()


def _cli(args: list[str], env: dict[str, str], timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, **kw)


@pytest.mark.slow
def test_prefect_yaml_deploys_to_a_work_pool_and_a_worker_runs_it(prefect_server, tmp_path):
    """deploy/prefect.yaml as a team would use it: work pool, `prefect deploy`, a process worker."""
    api, env = prefect_server
    home = tmp_path / "gwr-home"
    (home / "inbox").mkdir(parents=True)
    for f in SAMPLES.glob("00*.txt"):
        (home / "inbox" / f.name).write_bytes(f.read_bytes())
    env = dict(env, GWR_HOME=str(home), PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    made = _cli([str(PREFECT), "work-pool", "create", "gwr-pool", "--type", "process"], env)
    assert made.returncode == 0, made.stderr
    deployed = _cli([str(PREFECT), "--no-prompt", "deploy", "--all", "--prefect-file", "deploy/prefect.yaml"],
                    env, cwd=ROOT)
    # prefect 3.8.8's CLI creates the deployment, then crashes listing the pool's workers (it sends
    # limit=null, which its own server answers with 422); anything else is a real failure.
    assert deployed.returncode == 0 or "workers/filter" in deployed.stdout + deployed.stderr, deployed.stdout[-2000:]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.settings import PREFECT_API_URL, temporary_settings
    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        dep = client.read_deployment_by_name("gwr-etl/gwr-daily")
        assert dep.entrypoint == "flows.etl.etl" and dep.work_pool_name == "gwr-pool"
        assert [(s.schedule.cron, s.schedule.timezone, s.active) for s in dep.schedules] == \
            [("0 6 * * *", "Asia/Shanghai", True)]
        assert dep.global_concurrency_limit.limit == 1
        assert dep.parameters == {"inbox": f"{home}/inbox", "warehouse": f"{home}/warehouse/reports.duckdb"}
        run = client.create_flow_run_from_deployment(dep.id)
    worker = subprocess.Popen([str(PREFECT), "worker", "start", "--pool", "gwr-pool", "--run-once"], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = worker.communicate(timeout=150)
    finally:
        _stop(worker)
    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        state = client.read_flow_run(run.id).state
    assert state.type == StateType.COMPLETED, out.decode(errors="replace")[-3000:]
    con = duckdb.connect(str(home / "warehouse" / "reports.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from reporting_v1.documents").fetchone()[0] == 14
    finally:
        con.close()


def _start_serve(args: list[str], env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen, object]:
    log = open(log_path, "ab")
    proc = subprocess.Popen([str(GWR), "serve", *args], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    return proc, log


@pytest.mark.slow
def test_scheduled_web_fetch_survives_a_restart_and_a_no_change_run_costs_one_request_per_page(
        prefect_server, tmp_path, monkeypatch):
    """Served with --sources only: the first scheduled run fetches and loads 4 reports (a fifth URL is
    gone: a reject row, the run still completes and publishes); `gwr serve` is stopped and started again,
    the schedule is still active, and the next run makes one conditional request per report page, all
    answered 304, and processes nothing."""
    from pytest_httpserver import HTTPServer

    from tests.test_fetch import serve_samples
    api, env = prefect_server
    http = HTTPServer(host="127.0.0.1", threaded=True)
    http.start()
    urls = serve_samples(http)   # 樟树市 (UTF-8), 浏阳市 (GBK meta), 句容市 (Big5 header), 铁东区 (GB18030, undeclared)
    sources = tmp_path / "sources.toml"
    http.expect_request("/report/gone.html").respond_with_data("not here", status=404)
    gone = http.url_for("/report/gone.html")
    sources.write_text("[fetch]\nper_host_delay = 0.05\n\n" + "".join(
        f'[[source]]\nurl = "{u}"\nkind = "report"\n\n' for u in [*urls.values(), gone]), "utf-8")
    wh = tmp_path / "wh" / "reports.duckdb"
    args = ["--sources", str(sources), "--warehouse", str(wh), "--interval", "8", "--name", "gwr-test-web"]
    serve_env = dict(env, PREFECT_RUNNER_POLL_FREQUENCY="2")
    monkeypatch.setenv("PREFECT_API_URL", api)
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter,
                                                FlowRunFilterState, FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.settings import PREFECT_API_URL, temporary_settings

    serve, log = _start_serve(args, serve_env, tmp_path / "serve.log")
    try:
        with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
            def finished(n: int):
                try:
                    dep = client.read_deployment_by_name("gwr-etl/gwr-test-web")
                except Exception:  # not created yet
                    return None
                runs = client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep.id])),
                    flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                        type=FlowRunFilterStateType(any_=[StateType.COMPLETED, StateType.FAILED, StateType.CRASHED]))),
                    sort=FlowRunSort.START_TIME_ASC, limit=50)
                assert all(r.state_type == StateType.COMPLETED for r in runs), f"see {tmp_path / 'serve.log'}"
                return runs if len(runs) >= n else None
            first = _wait_for(lambda: finished(1), 90, "the first scheduled run", [serve])[0]
            _stop(serve)
            log.close()
            assert [s.active for s in client.read_deployment_by_name("gwr-etl/gwr-test-web").schedules] == [True]
            requests_before = len(http.log)

            serve, log = _start_serve(args, serve_env, tmp_path / "serve.log")   # "after a reboot"
            second = _wait_for(lambda: finished(2), 90, "a scheduled run after the restart", [serve])[1]
            _stop(serve)
        later = http.log[requests_before:]
        arts = httpx.post(api + "/artifacts/filter", timeout=10, json={
            "artifacts": {"key": {"any_": ["gwr-run-table"]}}, "limit": 50}).json()
        # A table artifact's data comes back as the JSON text of its rows.
        figures = {a["flow_run_id"]: {r["name"]: r["count"] for r in json.loads(a["data"]) if r["kind"] == "fetch"}
                   for a in arts}
    finally:
        _stop(serve)
        log.close()
        http.clear()
        http.stop()

    assert figures[str(first.id)] == {"pages": 5, "requests": 5, "not_modified": 0, "unchanged": 0, "new": 4,
                                      "failed": 1}
    nochange = figures[str(second.id)]
    assert nochange == {"pages": 5, "requests": 5, "not_modified": 4, "unchanged": 0, "new": 0, "failed": 1}
    # After the first run every report page was asked for conditionally and answered 304; the gone page
    # is asked again (a 404 is not retried within a run, but each run tries it once more).
    reports = [(req, resp) for req, resp in later if req.path != "/report/gone.html"]
    assert len(reports) == 4 and len(later) == 5
    assert all(req.headers.get("If-None-Match") or req.headers.get("If-Modified-Since") for req, _ in reports)
    assert all(resp.status_code == 304 for _, resp in reports)
    con = duckdb.connect(str(wh), read_only=True)
    try:
        regions = {r[0] for r in con.execute("select region_name from reporting_v1.documents").fetchall()}
        loaded = con.execute("select documents_loaded, files_new from ops.runs order by started_at").fetchall()
        rejects = con.execute("select source_uri, stage, reason from ops.rejects").fetchall()
    finally:
        con.close()
    assert regions == {"樟树市", "浏阳市", "句容市", "铁东区"}
    assert loaded[0] == (4, 4) and loaded[1] == (0, 0)
    assert set(rejects) == {(gone, "fetch", "http_404")}
    print(f"\nweb schedule: first run {first.total_run_time.total_seconds():.1f} s (5 pages: 4 documents, 1 reject); "
          f"no-change run after restart {second.total_run_time.total_seconds():.1f} s, "
          f"{nochange['requests']} requests ({nochange['not_modified']} × 304, 1 × 404), 0 documents processed")


@pytest.mark.slow
def test_a_failing_task_fails_the_run_and_the_published_warehouse_stays(prefect_harness, sample_warehouse, tmp_path):
    """A task that raises fails the flow run (no half-published warehouse, no artifacts of a success).

    The failure is real, not mocked: the folder the documents' Parquet must go into is a plain file, so
    the write-parquet task cannot create it."""
    import shutil

    from prefect.settings import PREFECT_API_URL

    from flows.etl import etl
    from flows.store import Layout
    from transforms import PIPELINE_VERSION
    db = tmp_path / "wh" / "reports.duckdb"
    db.parent.mkdir()
    shutil.copy(sample_warehouse, db)                       # the warehouse BI tools are reading
    before = db.read_bytes()
    blocker = Layout(db).table_dir("documents", PIPELINE_VERSION)
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a folder")
    state = etl(inbox=str(SAMPLES), warehouse=str(db), return_state=True)
    assert state.is_failed()
    with pytest.raises(FileExistsError):
        state.result()
    assert db.read_bytes() == before
    assert not list(db.parent.glob(".reports.duckdb.building-*"))
    tasks = httpx.post(PREFECT_API_URL.value() + "/task_runs/filter", timeout=10, json={
        "flow_runs": {"id": {"any_": [str(state.state_details.flow_run_id)]}}, "limit": 50}).json()
    states = {t["name"].rsplit("-", 1)[0]: t["state"]["type"] for t in tasks}
    assert states["transform-batch"] == "COMPLETED" and states["write-parquet"] == "FAILED"
    assert "publish-warehouse" not in states
    arts = httpx.post(PREFECT_API_URL.value() + "/artifacts/filter", timeout=10, json={
        "flow_runs": {"id": {"any_": [str(state.state_details.flow_run_id)]}}, "limit": 50}).json()
    assert [a for a in arts if a["key"] in ("gwr-run-summary", "gwr-run-table")] == []   # Prefect adds its own
