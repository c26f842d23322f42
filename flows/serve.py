"""`gwr serve`: serve the ETL flow on a schedule against a running Prefect server.

A served flow is a deployment whose runs this process executes (each in a fresh subprocess). Defaults:
daily at 06:00 Asia/Shanghai, at most one run at a time (deployment concurrency limit 1, queued, plus a
runner limit of 1; the flow also holds the warehouse file lock), schedules left active on shutdown so a
restart of this process or of the server does not silently stop the job.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_CRON = "0 6 * * *"
DEFAULT_TIMEZONE = "Asia/Shanghai"     # the reports' own time zone: governments publish in the Beijing day
DEFAULT_NAME = "gwr-scheduled"

# Environment overrides for the flags, so a systemd unit or container sets them without editing commands.
ENV_CRON = "GWR_SCHEDULE_CRON"
ENV_TIMEZONE = "GWR_SCHEDULE_TIMEZONE"
ENV_INTERVAL = "GWR_SCHEDULE_INTERVAL"   # seconds; replaces the cron schedule (tests, development)


class ServeError(RuntimeError):
    """Serving cannot start: no Prefect server, or a bad schedule."""


@dataclass(frozen=True)
class ScheduleConfig:
    """A cron schedule in a time zone, or a fixed interval in seconds when `interval` is set."""

    cron: str = DEFAULT_CRON
    timezone: str = DEFAULT_TIMEZONE
    interval: float | None = None

    @classmethod
    def from_env(cls, cron: str | None = None, timezone: str | None = None,
                 interval: float | None = None) -> "ScheduleConfig":
        """Flags win over the environment, which wins over the defaults."""
        env_interval = os.environ.get(ENV_INTERVAL)
        return cls(cron=cron or os.environ.get(ENV_CRON) or DEFAULT_CRON,
                   timezone=timezone or os.environ.get(ENV_TIMEZONE) or DEFAULT_TIMEZONE,
                   interval=interval if interval is not None else (float(env_interval) if env_interval else None))

    def describe(self) -> str:
        if self.interval:
            return f"every {self.interval:g} s"
        return f"cron '{self.cron}' ({self.timezone})"

    def to_prefect(self):
        """The Prefect schedule object; errors in the cron string or zone are reported before serving."""
        from prefect.schedules import Cron, Interval
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ServeError(f"unknown time zone {self.timezone!r}") from exc
        if self.interval:
            if self.interval <= 0:
                raise ServeError("the interval must be positive")
            return Interval(dt.timedelta(seconds=self.interval), timezone=self.timezone)
        try:
            return Cron(self.cron, timezone=self.timezone)
        except ValueError as exc:
            raise ServeError(f"invalid cron schedule {self.cron!r}: {exc}") from exc


def api_url(wait: float = 0) -> str:
    """The Prefect API this process talks to; serving needs a real server, not the temporary one.

    `wait` seconds of retries cover a server started at the same time (systemd starts both units at boot)."""
    from prefect.settings import PREFECT_API_URL
    url = PREFECT_API_URL.value()
    if not url:
        raise ServeError("PREFECT_API_URL is not set: start `prefect server start` and export "
                         "PREFECT_API_URL=http://127.0.0.1:4200/api (a temporary server would not run schedules)")
    import time

    import httpx
    deadline = time.monotonic() + wait
    while True:
        try:
            httpx.get(url.rstrip("/") + "/health", timeout=5).raise_for_status()
            return url
        except httpx.HTTPError as exc:
            if time.monotonic() >= deadline:
                raise ServeError(f"no Prefect server answers at {url}: {exc}; start `prefect server start`") from exc
            time.sleep(1)


def serve(inbox: str | None, warehouse: str, schedule: ScheduleConfig, name: str = DEFAULT_NAME,
          runner: str | None = None, sources: str | None = None, wait: float = 0) -> None:
    """Create or update the deployment and poll for its runs until interrupted (blocks)."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType

    prefect_schedule = schedule.to_prefect()
    url = api_url(wait)
    if runner:
        # Each run executes in a fresh process that imports flows.etl, which reads this variable.
        os.environ["GWR_TASK_RUNNER"] = runner
    from .etl import etl
    # Absolute paths: each run is a fresh process, and the parameters are shown in the Prefect UI.
    params = {"inbox": str(Path(inbox).resolve()) if inbox else None, "warehouse": str(Path(warehouse).resolve())}
    if sources:
        params["sources"] = str(Path(sources).resolve())
    print(f"[gwr] serving '{name}' {schedule.describe()} on {url}: "
          + ", ".join(f"{k} {v}" for k, v in params.items() if v), flush=True)
    etl.serve(
        name=name,
        schedules=[prefect_schedule],
        parameters=params,
        # ENQUEUE: a run due while another is running waits for it instead of being dropped or racing.
        global_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE),
        limit=1,
        pause_on_shutdown=False,
        tags=["gwr"],
        description="gwr ETL: inbox → Parquet → published DuckDB warehouse",
        print_starting_message=False,
        # By module, not file path: the run process imports the installed package wherever it starts.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
