"""Split a page into its reports: a listing page holds several, each as `-` / page title / one-line text / date.

Reposting sites dump a whole category onto one page: per report a lone dash, the page's title for it, the whole
report on one line and the posting date. Variants drop the dash or put blank lines between; both are accepted.
A page with fewer than two such entries is a single-report page and gives one Part with the whole page.
"""
from __future__ import annotations

import re

from .models import Part

# A report run onto one line is long and addresses the congress; shorter lines are paragraphs of one report.
ENTRY_MIN_CHARS = 2000
ENTRY_ADDRESS = re.compile(r"各位代表")
# The listing's title line right before the report line: short and naming a work report (spacing ignored).
ENTRY_TITLE = re.compile(r"^.{0,40}工作报告.{0,30}$")
# The lone dash a listing puts before each entry (the posting date after it needs no rule: it is never a title).
DASH = re.compile(r"^\s*[-–—•·*]\s*$")
# The title a single-report page gives its report: a short line naming a 政府工作报告 (forum thread titles, <title>).
PAGE_TITLE = re.compile(r"^[ \t]*(?P<title>[^\n]{0,60}政府工作报告[^\n]{0,30}?)[ \t]*$", re.M)
PAGE_TITLE_WINDOW = 5000


def _lines_with_offsets(page: str) -> list[tuple[int, str]]:
    """Each line of the page with its start offset, so Parts can point back into the page."""
    out, pos = [], 0
    for line in page.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _listing_entries(page: str) -> list[tuple[str, int, int]]:
    """(title, body start, body end) for every title line directly followed by a one-line report."""
    lines = [(off, ln) for off, ln in _lines_with_offsets(page) if ln.strip() and not DASH.match(ln)]
    entries = []
    for i, (off, ln) in enumerate(lines):
        if len(ln.strip()) < ENTRY_MIN_CHARS or not ENTRY_ADDRESS.search(ln) or i == 0:
            continue
        title = lines[i - 1][1].strip()
        title_compact = re.sub(r"\s+", "", title)
        if len(title) >= ENTRY_MIN_CHARS or not ENTRY_TITLE.match(title_compact):
            continue
        lead = len(ln) - len(ln.lstrip())
        entries.append((title, off + lead, off + len(ln.rstrip())))
    return entries


def split_reports(page: str) -> tuple[Part, ...]:
    """Return the reports on a page, in order; a single-report page gives one Part holding the whole page."""
    entries = _listing_entries(page)
    if len(entries) >= 2:
        return tuple(Part(index=i, text=page[s:e], page_title=title, start=s, end=e)
                     for i, (title, s, e) in enumerate(entries, start=1))
    title = PAGE_TITLE.search(page[:PAGE_TITLE_WINDOW])
    return (Part(index=1, text=page, page_title=title.group("title").strip() if title else None, start=0,
                 end=len(page)),)
