"""Split a page into its reports: a listing page holds several, each as `-` / page title / one-line text / date."""
from __future__ import annotations

import re

from .models import Part

# A listing entry: a lone dash, the page's title for the report, the report on one line, then the
# posting date. Seen on reposting sites that dump a whole category onto one page.
LISTING_ENTRY = re.compile(
    r"^-[ \t]*\n(?P<title>[^\n]{2,80}政府工作报告[^\n]{0,20})\n(?P<body>[^\n]{2000,})\n(?P<date>\d{4}-\d{2}-\d{2})[ \t]*$",
    re.M,
)
# The title a page gives its report: a short line naming a 政府工作报告 (forum thread titles, <title>).
PAGE_TITLE = re.compile(r"^[ \t]*(?P<title>[^\n]{0,60}政府工作报告[^\n]{0,30}?)[ \t]*$", re.M)


def split_reports(page: str) -> tuple[Part, ...]:
    """Return the reports on a page, in order; a single-report page gives one Part."""
    entries = list(LISTING_ENTRY.finditer(page))
    if len(entries) >= 2:
        return tuple(
            Part(index=i, text=m.group("body"), page_title=m.group("title").strip(), start=m.start("body"), end=m.end("body"))
            for i, m in enumerate(entries, start=1)
        )
    title = PAGE_TITLE.search(page[:5000])
    return (Part(index=1, text=page, page_title=title.group("title").strip() if title else None, start=0, end=len(page)),)
