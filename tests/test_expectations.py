"""Every field `make eval` checks matches the hand-checked expectation files, for all 14 sample reports."""
from __future__ import annotations

import pytest

from tests.eval import field_checks
from tests.expect import ALL_KEYS, expectation


@pytest.mark.parametrize("key", ALL_KEYS)
def test_all_expected_fields_match(key):
    checks = field_checks(key)
    names = {f for f, _, _ in checks}
    # Each report's files state identification, flags and structure.
    assert {"region_code", "plan_year", "meeting_date", "speaker", "flags", "level1_headings", "glossary_count"} <= names
    assert [(f, e, g) for f, e, g in checks if e != g] == []


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_report_has_all_three_expectation_files(key):
    assert all(expectation(key, aspect) for aspect in ("meta", "structure", "indicators"))
