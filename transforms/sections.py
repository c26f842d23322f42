"""The heading tree: 一、 (level 1), (一) (level 2), 1. (level 3); sections tile the cleaned text exactly."""
from __future__ import annotations

import re

from .models import Section

# A heading marker must open a line or follow a sentence end, so 统一、 or 第一、 inside prose are not headings.
_LEAD = r"(?:(?<=\n)|(?<=^)|(?<=[。！!？；;:：]))\s*"
LEVEL_PATTERNS = (
    (1, re.compile(_LEAD + r"(?P<num>[一二三四五六七八九十]{1,3}、)(?!二期|期)")),
    (2, re.compile(_LEAD + r"(?P<num>[(（][一二三四五六七八九十]{1,3}[)）])")),
    (3, re.compile(_LEAD + r"(?P<num>\d{1,2}[.、．](?!\d))")),
)
GLOSSARY_HEAD = re.compile(r"(?:^|\n)\s*(?:附[:：]?\s*)?(?:名词解释|名词注释|名词释义|注释|附注)\s*[:：]?\s*(?:\n|$)")
APPENDIX_HEAD = re.compile(r"(?:^|\n)\s*附件\s*\d*\s*[:：]?")


def _heading_text(text: str, start: int) -> str:
    end = start
    for stop in "。\n；;":
        i = text.find(stop, start, start + 120)
        if i != -1:
            end = i if end == start else min(end, i)
    return text[start:end if end > start else min(len(text), start + 60)].strip()


def split_sections(text: str) -> tuple[Section, ...]:
    """Headings in order; each section's own span runs to the next heading."""
    marks: list[tuple[int, int, str]] = []
    for level, pat in LEVEL_PATTERNS:
        for m in pat.finditer(text):
            marks.append((m.start("num"), level, m.group("num")))
    marks.sort()
    gl = GLOSSARY_HEAD.search(text)
    gl_start = gl.start() if gl else None
    out: list[Section] = []
    first = marks[0][0] if marks else len(text)
    if first > 0:
        out.append(Section(1, 0, None, None, "preamble", 0, first, None))
    stack: list[tuple[int, int]] = []  # (level, position)
    for i, (start, level, num) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        pos = len(out) + 1
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        kind = "glossary" if gl_start is not None and start >= gl_start else "body"
        out.append(Section(pos, level, num, _heading_text(text, start + len(num)), kind, start, end, parent))
        stack.append((level, pos))
    return tuple(out)
