"""Which Prefect task runner runs the transform tasks: threads on this machine (default) or a Dask cluster.

Selected by configuration so the same flow code runs on a laptop and on a cluster:
  GWR_TASK_RUNNER=threads|dask      (or `gwr run --runner dask`)
  GWR_DASK_ADDRESS=tcp://host:8786  an existing Dask scheduler; unset: a LocalCluster for the run
  GWR_DASK_WORKERS=N                workers of that LocalCluster (default: Dask's own choice)
The environment is read when flows.etl is imported, so served and scheduled runs (a fresh process per run)
pick it up as well.
"""
from __future__ import annotations

import os
from typing import Any

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

RUNNERS = ("threads", "dask")


class RunnerConfigError(ValueError):
    """An unknown task runner name."""


def make_task_runner(name: str | None = None, address: str | None = None,
                     cluster_kwargs: dict[str, Any] | None = None) -> TaskRunner:
    """A task runner by name; arguments left None fall back to GWR_TASK_RUNNER / GWR_DASK_ADDRESS."""
    name = (name or os.environ.get("GWR_TASK_RUNNER") or "threads").strip().lower()
    if name not in RUNNERS:
        raise RunnerConfigError(f"unknown task runner {name!r}; use one of {', '.join(RUNNERS)}")
    if name == "threads":
        return ThreadPoolTaskRunner()
    # Dask logs every scheduler and worker event at INFO on stdout; keep `gwr run` output readable, as
    # PREFECT_LOGGING_LEVEL does for Prefect. Set before import: distributed reads it then (workers inherit it).
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    # Imported only when asked for: dask.distributed costs about a second to import.
    from prefect_dask import DaskTaskRunner
    address = address or os.environ.get("GWR_DASK_ADDRESS") or None
    if address:
        return DaskTaskRunner(address=address)
    kwargs = dict(cluster_kwargs or {})
    if os.environ.get("GWR_DASK_WORKERS"):
        kwargs.setdefault("n_workers", int(os.environ["GWR_DASK_WORKERS"]))
    return DaskTaskRunner(cluster_kwargs=kwargs or None)
