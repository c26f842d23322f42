"""The README's example commands work as written: every `gwr query "..."` it shows runs on the sample warehouse."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.cli import EXAMPLE_QUERY, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
QUERIES = re.findall(r'gwr query "([^"]+)"', README)


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert [ln.split("#")[0].strip() for ln in first_block.strip().splitlines()[1:]] == ["make run", "make test"]


@pytest.mark.parametrize("sql", QUERIES + [EXAMPLE_QUERY])
def test_readme_query_runs(sample_warehouse, sql, capsys):
    assert main(["query", sql, "--warehouse", str(sample_warehouse)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("(") and out[-1] != "(0 rows)"


def test_readme_shows_several_queries():
    assert len(QUERIES) >= 4
