"""The report's own explanations of its terms, read from the glossary blocks that split_sections found.

A glossary block is a 名词解释 / 名词注释 / 名词释义 list (often an 附件), or an untitled run of footnote entries
at the end of the report ([12] …, ① …, '?' where a circled number was lost). One entry per marked line; an
unmarked line inside a block continues the entry before it, so a definition broken over lines stays whole.
"""
from __future__ import annotations

import re

from .models import FootnoteLink, FootnoteRef, GlossaryEntry, Section
from .sections import APPENDIX_LINE, ENTRY_LINE, GLOSSARY_TITLE

# An unmarked entry ("三区三线:…") is accepted inside a titled block only, where every line is an explanation.
_UNMARKED_ENTRY = re.compile(r"^[ \t]*(?P<term>[^\n:：。，,]{1,20})[ \t]*[:：][ \t]*(?P<definition>[^\n]+)$")
# Quotation marks are how a report highlights a coined term (“六稳”工作); the term is stored without them.
_QUOTES = re.compile(r"[“”\"‘’'「」『』]")


def _term(raw: str) -> str:
    return _QUOTES.sub("", raw).strip()


def extract_glossary(text: str, sections: tuple[Section, ...] = ()) -> tuple[GlossaryEntry, ...]:
    """Entries of every glossary section of `sections` (as split_sections returns them), in text order."""
    out: list[GlossaryEntry] = []
    for sec in sections:
        if sec.kind != "glossary":
            continue
        titled = sec.heading is not None
        current: dict | None = None
        pos = sec.char_start
        while pos < sec.char_end:
            nl = text.find("\n", pos, sec.char_end)
            end = sec.char_end if nl == -1 else nl
            line = text[pos:end]
            # Title lines of the block (附件2:, 《政府工作报告》名词释义) are neither entries nor continuations.
            if line.strip() and not (APPENDIX_LINE.match(line) or GLOSSARY_TITLE.match(line)
                                     or (titled and line.strip() == sec.heading)):
                m = ENTRY_LINE.match(line) or (_UNMARKED_ENTRY.match(line) if titled else None)
                if m:
                    if current:
                        out.append(GlossaryEntry(**current))
                    marker = m.groupdict().get("marker")
                    current = dict(marker=marker, term=_term(m["term"]), definition=m["definition"].strip(),
                                   char_start=pos + len(line) - len(line.lstrip()), char_end=end)
                elif current:
                    # A definition that runs over more than one line.
                    current["definition"] += "\n" + line.strip()
                    current["char_end"] = end
            pos = end + 1
        if current:
            out.append(GlossaryEntry(**current))
    return tuple(out)


# A '?' stands where the source lost a circled number, so '?' markers cannot be matched by name.
LOST_MARKER = "?"


def link_footnotes(refs: tuple[FootnoteRef, ...], entries: tuple[GlossaryEntry, ...]) -> tuple[FootnoteLink, ...]:
    """Link each footnote reference removed from the body to its glossary entry.

    Named markers ([12], ⑤) match the entry with the same marker. Lost markers ('?') match lost-marker entries
    in order, and only when both lists have the same length; otherwise the link stays None rather than guessed.
    """
    by_marker: dict[str, int] = {}
    for i, e in enumerate(entries):
        if e.marker and e.marker != LOST_MARKER:
            by_marker.setdefault(e.marker, i)
    lost_entries = [i for i, e in enumerate(entries) if e.marker == LOST_MARKER]
    lost_refs = [r for r in refs if r.marker == LOST_MARKER]
    in_order = len(lost_entries) == len(lost_refs)
    out: list[FootnoteLink] = []
    lost_seen = 0
    for r in refs:
        if r.marker == LOST_MARKER:
            idx = lost_entries[lost_seen] if in_order else None
            lost_seen += 1
        else:
            idx = by_marker.get(r.marker)
        out.append(FootnoteLink(marker=r.marker, offset=r.offset, glossary_index=idx))
    return tuple(out)
