"""Shared fixtures: the sample reports (pure transforms) and one Prefect harness for flow tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from tests.expect import SAMPLES, sample_reports  # noqa: E402


@pytest.fixture(scope="session")
def reports():
    return sample_reports()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """A warehouse built once from the bundled samples by the real flow; treat it as read-only."""
    from flows.etl import etl
    db = tmp_path_factory.mktemp("wh") / "reports.duckdb"
    etl(inbox=str(SAMPLES), warehouse=str(db))
    return db
