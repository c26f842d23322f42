"""Hand-checked expectations of the 14 sample reports: tests/expectations/<key>/{meta,structure,indicators}.toml.

A key is the sample file's 3-digit prefix and the report's part_index: 000_1, 001_1 … 001_10, 002_1, 003_1, 004_1.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from transforms.models import Report
from transforms.pipeline import transform_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTATIONS = Path(__file__).resolve().parent / "expectations"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("[0-9][0-9][0-9]_*.txt"))


def key_of(path: Path, part_index: int) -> str:
    return f"{path.name[:3]}_{part_index}"


@lru_cache(maxsize=1)
def sample_reports() -> dict[str, Report]:
    """Every sample report by key, transformed in-process (pure transforms, no Prefect)."""
    out: dict[str, Report] = {}
    for path in sample_files():
        res = transform_file(path.read_bytes())
        assert res.reject is None, f"{path.name} rejected: {res.reject}"
        for rep in res.reports:
            out[key_of(path, rep.part_index)] = rep
    return out


def expectation(key: str, aspect: str) -> dict:
    """The parsed <key>/<aspect>.toml, or {} when not written yet."""
    path = EXPECTATIONS / key / f"{aspect}.toml"
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text("utf-8"))


ALL_KEYS = ("000_1", *(f"001_{i}" for i in range(1, 11)), "002_1", "003_1", "004_1")
