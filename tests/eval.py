"""`make eval`: the sample reports' fields against their hand-checked expectations, per report and in total."""
from __future__ import annotations

import datetime as dt
import importlib
import sys

from flows.cli import print_table
from tests.expect import ALL_KEYS, expectation, sample_reports

META_FIELDS = ("region_name", "region_code", "admin_level", "province", "prefecture", "plan_year", "review_year",
               "meeting_date", "congress_term", "congress_session", "speaker", "speaker_title")


def _norm(v):
    """The expectation files write None as "NULL"."""
    return None if v == "NULL" else v


def field_checks(key: str) -> list[tuple[str, object, object]]:
    """(field, expected, got) for every field the expectation files of `key` state."""
    rep = sample_reports()[key]
    meta, struct = expectation(key, "meta"), expectation(key, "structure")
    flags = set(rep.cleaned.flags) | set(rep.meta.flags)
    out = []
    for f in META_FIELDS:
        if f in meta:
            got = getattr(rep.meta, f)
            out.append((f, _norm(meta[f]), got))
    if "title_mismatch" in meta:
        out.append(("title_mismatch", meta["title_mismatch"], "title_mismatch" in flags))
    for src in (meta, struct):
        if "flags" in src:
            out.append(("flags", sorted(src["flags"]), sorted(flags)))
    if "level1_headings" in struct:
        got = [s.heading for s in rep.sections if s.kind == "body" and s.level == 1]
        out.append(("level1_headings", struct["level1_headings"], got))
    if "glossary_count" in struct:
        out.append(("glossary_count", struct["glossary_count"], len(rep.glossary)))
    return out


def _cell(v) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return f"[{len(v)}]"
    return "-" if v is None else str(v)


def main() -> int:
    reports = sample_reports()
    rows, total, ok_total, misses = [], 0, 0, []
    for key in ALL_KEYS:
        rep = reports[key]
        checks = field_checks(key)
        ok = sum(1 for _, e, g in checks if e == g)
        total += len(checks)
        ok_total += ok
        misses += [(key, f, e, g) for f, e, g in checks if e != g]
        m = rep.meta
        rows.append((key, m.region_name, m.region_code, m.admin_level, m.plan_year, m.review_year, _cell(m.meeting_date),
                     f"{_cell(m.congress_term)}/{_cell(m.congress_session)}", f"{_cell(m.speaker_title)} {_cell(m.speaker)}",
                     sum(1 for s in rep.sections if s.kind == "body" and s.level == 1), len(rep.glossary),
                     ",".join(sorted(set(rep.cleaned.flags) | set(m.flags))) or "-", f"{ok}/{len(checks)}"))
    print("Identification and structure of the 14 sample reports (match = fields equal to tests/expectations):\n")
    print_table(["key", "region", "code", "level", "plan", "review", "meeting", "term/sess", "speaker", "L1", "gloss",
                 "flags", "match"], rows)
    print(f"\nfields matching expectations: {ok_total}/{total}")
    for key, f, e, g in misses:
        print(f"  MISS {key} {f}: expected {e!r}, got {g!r}")
    try:
        ind = importlib.import_module("tests.eval_indicators")
    except ModuleNotFoundError:
        return 0
    print()
    ind.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
