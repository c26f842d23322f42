"""The report's own explanations of its terms: 名词解释 lists and numbered footnotes."""
from __future__ import annotations

import re

from .models import GlossaryEntry, Section

GLOSSARY_HEAD = re.compile(r"(?:名词解释|名词注释|名词释义)\s*[:：]?\s*\n")
# One entry per line: a marker ([1], ①, 1.) then the term, then its definition after a colon.
ENTRY = re.compile(r"^(?P<marker>\[\d{1,3}\]|[①-⑳?]|\d{1,2}[.、．])?\s*(?P<term>[^\n:：]{1,40}?)\s*[:：]\s*(?P<def>[^\n]+)$", re.M)


def extract_glossary(text: str, sections: tuple[Section, ...] = ()) -> tuple[GlossaryEntry, ...]:
    m = GLOSSARY_HEAD.search(text)
    if not m:
        return ()
    out = []
    for e in ENTRY.finditer(text, m.end()):
        term = e["term"].strip().strip("“”\"")
        out.append(GlossaryEntry(marker=e["marker"], term=term, definition=e["def"].strip(),
                                 char_start=e.start(), char_end=e.end()))
    return tuple(out)
