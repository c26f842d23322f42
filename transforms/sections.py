"""The heading tree of a report: 一、 parts, (一), 1., (1), ①; sections tile the cleaned text exactly.

Reading order: the preamble (title, date line, speaker, 各位代表) runs up to the first part; the tail of the
report (附件 lists, 名词解释 blocks, trailing footnote lists) becomes appendix / glossary blocks; in between, every
heading marker that sits at a line start or right after a sentence end, and continues a numbering sequence,
opens a section. Top-level blocks without a marker (preamble, appendix, glossary) get level 1 and no parent,
like the parts, so that level 1 is always "a top-level block" and parent_position is None exactly there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Section

CN_DIGITS = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate(CN_DIGITS, start=1)}

# A heading marker opens a line, or follows a sentence end (run-together listing pages put a space after it).
# '?' is not a sentence end here: in these texts it mostly stands for a lost character.
_LEAD = r"(?:^|(?<=\n)|(?<=[。！!？；;：:])[ \t]*)"
# Marker styles, outermost first. The nominal level is the contract's (一、 1, (一) 2, 1. 3); a style nested
# deeper than its nominal level (一、 reused inside a part) goes one below its parent instead.
MARKERS: dict[str, tuple[int, re.Pattern[str]]] = {
    # 一、 but not an enumeration of numerals: 一、二期 (phases), 一、二、三产业 (industries).
    # Some reports write 一. or 一． for 一、.
    "cn": (1, re.compile(_LEAD + rf"(?P<num>(?P<n>[{CN_DIGITS}]{{1,3}})[、.．])(?![{CN_DIGITS}]{{1,3}}[、.．期])")),
    "pcn": (2, re.compile(_LEAD + rf"(?P<num>[(（](?P<n>[{CN_DIGITS}]{{1,3}})[)）])")),
    # 1. / 1、 but not a decimal (5.5%) and not the number of a list of numbers (1、2月).
    "ar": (3, re.compile(_LEAD + r"(?P<num>(?P<n>\d{1,2})[.、．](?![\d、.]))")),
    "par": (4, re.compile(_LEAD + r"(?P<num>[(（](?P<n>\d{1,2})[)）])")),
    "circ": (5, re.compile(_LEAD + r"(?P<num>(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))")),
}

# Tail blocks. A 附件 line (附件 / 附件1: / 附件2:《政府工作报告》名词释义) or a glossary title line.
APPENDIX_LINE = re.compile(rf"^[ \t]*附件[ \t]*(?P<no>[\d{CN_DIGITS}]{{0,2}})[ \t]*[:：]?[ \t]*(?P<title>[^\n。]{{0,40}})$", re.M)
GLOSSARY_TITLE = re.compile(r"^[ \t]*(?:《[^》\n]{1,20}》)?[ \t]*(?:名词(?:解释|注释|释义|说明)|注释|注解)[ \t]*[:：]?[ \t]*$", re.M)
GLOSSARY_WORDS = re.compile(r"名词|注释|注解")
# A line that is one glossary entry: its marker, a short term, a colon, the definition.
# Markers: [12]; ① (or the digit NFKC made of it, glued to the term: 1“四上”企业); '?' for a lost circled number;
# 3. / 3、 as in appendix lists.
ENTRY_LINE = re.compile(
    r"^[ \t]*(?P<marker>\[\d{1,3}\]|[①-⑳]|\?|\d{1,2}[.、．]|\d{1,2}(?=[“\"《]))[ \t]*"
    r"(?P<term>[^\n:：。]{1,40}?)[ \t]*[:：][ \t]*(?P<definition>[^\n]+)$", re.M)

_PLAIN_NUMBER = re.compile(r"\d{1,2}[.、．]$")

# Words a part heading (一、…) ends with; used only where the heading runs into its first sentence with no
# punctuation between (listing pages: "一、2021年工作回顾2021年是…"). Longest match within PART_HEADING_MAX wins.
PART_HEADING_END = re.compile(r"回顾|安排|任务|目标|工作|建设|重点|要求|思路|满意政府")
PART_HEADING_MAX = 20
# What the parts of a work report are about: the review, the plan, the government's own conduct.
PART_HEADING = re.compile(r"(?:(?:\d{4}年|过去|今后|本届|五年|“十.五”).{0,12}(?:回顾|安排|任务|目标|重点|工作)"
                          r"|.{0,6}政府自身建设|.{0,10}满意政府)")
HEADING_MAX = 80
SUBHEADING_MAX = 40
_SENTENCE_STOP = re.compile(r"[。！!；;\n]")
_CLAUSE_STOP = re.compile(r"[,，、;；。:：!！\n]")
# Where a long run-together subheading may be cut: between clauses, not inside an enumeration (下功夫、见成效).
_SUBHEADING_CUT = re.compile(r"[,，;；:：]")


@dataclass(frozen=True)
class _Mark:
    start: int
    style: str
    number: int
    numbering: str
    head_start: int      # where the heading text starts (after the marker)


def _number(style: str, n: str) -> int:
    if style in ("ar", "par"):
        return int(n)
    if style == "circ":
        return ord(n) - ord("①") + 1
    # Chinese numerals up to 九十九: 十 = 10, 十二 = 12, 二十 = 20, 二十三 = 23.
    if n == "十":
        return 10
    if n.startswith("十"):
        return 10 + _CN_VALUE[n[1]]
    if "十" in n:
        tens, _, unit = n.partition("十")
        return _CN_VALUE[tens] * 10 + (_CN_VALUE[unit] if unit else 0)
    return _CN_VALUE.get(n, 0) if len(n) == 1 else 0


def _candidates(text: str, end: int) -> list[_Mark]:
    out = []
    for style, (_, pat) in MARKERS.items():
        for m in pat.finditer(text, 0, end):
            num = _number(style, m["n"])
            if num:
                out.append(_Mark(m.start("num"), style, num, m["num"], m.end("num")))
    out.sort(key=lambda k: k.start)
    return out


def _tail_start(text: str, after: int) -> int:
    """Where the appendices / glossary at the end of the report begin (len(text) if there are none)."""
    starts = [m.start() for pat in (APPENDIX_LINE, GLOSSARY_TITLE) for m in pat.finditer(text, after)]
    # A glossary without a title: a trailing run of at least two entry lines (句容 2024: ①… then ?…).
    lines = _lines(text, after)
    run_start = None
    for s, e in reversed(lines):
        if not text[s:e].strip():
            continue
        entry = ENTRY_LINE.match(text, s, e)
        # Footnote markers only: an untitled "1.…:…" list at the end is more likely the report's own list.
        if entry and not _PLAIN_NUMBER.match(entry["marker"]):
            run_start = s
        else:
            break
    if run_start is not None and sum(1 for s, e in lines if s >= run_start and text[s:e].strip()) >= 2:
        starts.append(run_start)
    return min(starts, default=len(text))


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _heading(text: str, start: int, limit: int, part: bool) -> str:
    """The heading phrase after a marker: its own line, else up to the sentence end; see PART_HEADING_END."""
    window = text[start:min(limit, start + HEADING_MAX)]
    line_end = window.find("\n")
    sent = _SENTENCE_STOP.search(window)
    if line_end != -1 and (sent is None or line_end <= sent.start()):
        return window[:line_end].strip().rstrip("：:")     # a heading on a line of its own
    if part:
        clause_stop = _CLAUSE_STOP.search(window)
        clause = window[:clause_stop.start()] if clause_stop else window
        ends = [m.end() for m in PART_HEADING_END.finditer(clause) if m.end() <= PART_HEADING_MAX]
        if ends:
            return clause[:max(ends)].strip()
    sentence = window[:sent.start() if sent else len(window)].strip().rstrip("：:")
    if len(sentence) <= SUBHEADING_MAX:
        return sentence
    # A run-together subheading with no sentence end nearby: keep the clauses that fit, never the whole paragraph.
    cuts = [m.start() for m in _SUBHEADING_CUT.finditer(sentence) if m.start() <= SUBHEADING_MAX]
    return sentence[:max(cuts) if cuts else SUBHEADING_MAX].strip()


def _reads_like_part(text: str, mk: _Mark) -> bool:
    return bool(PART_HEADING.match(text, mk.head_start, min(len(text), mk.head_start + PART_HEADING_MAX + 4)))


def _tree(text: str, marks: list[_Mark], body_end: int) -> list[tuple[_Mark, int, int | None]]:
    """Keep the markers that continue a numbering sequence; give each its level and parent index.

    The stack holds the open sections (style, last number, level, index). A marker continues the deepest open
    entry of its style whose next number it is (a sibling), or opens a new level when it is number 1. So a
    second run of 一、二、 inside a part ("重点做好八个方面工作: 一、…") becomes level 2 under that part and the
    part sequence resumes with the next part number (一、二、三、[一、…七、]四、).
    """
    kept: list[tuple[_Mark, int, int | None]] = []
    stack: list[tuple[str, int, int, int]] = []   # style, number, level, index in kept
    for mk in marks:
        if not _heading(text, mk.head_start, body_end, False):
            continue                                  # a bare "1." line (page junk), not a heading
        fits = [i for i in range(len(stack)) if stack[i][0] == mk.style and stack[i][1] + 1 == mk.number]
        # Both a sub-list and the parts can continue (三、 after a part 二、 holding 一、二、): the sub-list wins,
        # unless the heading reads like a part of its own (2022年工作安排, 加强政府自身建设).
        depth = None if not fits else fits[0] if len(fits) > 1 and _reads_like_part(text, mk) else fits[-1]
        if depth is not None:
            del stack[depth:]
        elif mk.number != 1:
            continue                                  # out of sequence: an enumeration in prose, not a heading
        parent = stack[-1] if stack else None
        nominal = MARKERS[mk.style][0]
        level = 1 if parent is None else max(nominal, parent[2] + 1)
        kept.append((mk, level, parent[3] if parent else None))
        stack.append((mk.style, mk.number, level, len(kept) - 1))
    return kept


def _tail_sections(text: str, start: int) -> list[tuple[int, int, str, str | None, str | None]]:
    """Split the tail into blocks: (start, end, kind, numbering, heading)."""
    lines = [(s, e) for s, e in _lines(text, start) if text[s:e].strip()]
    heads: list[tuple[int, str, str | None, str | None]] = []   # line index, kind, numbering, heading
    i = 0
    while i < len(lines):
        s, e = lines[i]
        m = APPENDIX_LINE.match(text, s, e)
        g = GLOSSARY_TITLE.match(text, s, e)
        if m or g:
            title = (m["title"].strip() if m else text[s:e].strip()) or None
            numbering = f"附件{m['no']}" if m and m["no"] else None
            j = i
            if m and not title and i + 1 < len(lines):
                j = i + 1                             # "附件" alone: the attachment's title is the next line
                title = text[lines[j][0]:lines[j][1]].strip()
            kind = "glossary" if title and GLOSSARY_WORDS.search(title) else "appendix"
            heads.append((i, kind, numbering, title))
            i = j + 1
            continue
        if not heads:
            heads.append((i, "glossary", None, None))   # an untitled run of footnote entries
        i += 1
    blocks = []
    for n, (li, kind, numbering, title) in enumerate(heads):
        b_start = start if n == 0 else lines[li][0]
        b_end = lines[heads[n + 1][0]][0] if n + 1 < len(heads) else len(text)
        blocks.append((b_start, b_end, kind, numbering, title))
    # A table of contents (附件1:… 附件2:…, each alone on its line, then the attachments themselves) is one
    # unnumbered appendix block rather than several empty ones.
    merged: list[tuple[int, int, str, str | None, str | None]] = []
    k = 0
    while k < len(blocks):
        j = k
        while j + 1 < len(blocks) and _one_line(text, blocks[j]):
            j += 1
        if j - k >= 2:
            merged.append((blocks[k][0], blocks[j - 1][1], "appendix", None, None))
            k = j
        else:
            merged.append(blocks[k])
            k += 1
    return merged


def _one_line(text: str, blk: tuple[int, int, str, str | None, str | None]) -> bool:
    return "\n" not in text[blk[0]:blk[1]].strip()


def split_sections(text: str) -> tuple[Section, ...]:
    """The report's sections in order; their own spans tile `text` (preamble, parts and subsections, tail)."""
    first_part = next((m.start() for m in MARKERS["cn"][1].finditer(text) if m["n"] == "一"), 0)
    tail = _tail_start(text, first_part)
    marks = _candidates(text, tail)
    # Everything before the first part is preamble, when the report has parts (page junk like "1." lines too).
    parts = [m for m in marks if m.style == "cn" and m.number == 1]
    if parts:
        marks = [m for m in marks if m.start >= parts[0].start]
    kept = _tree(text, marks, tail)
    out: list[Section] = []
    body_start = kept[0][0].start if kept else tail
    if body_start > 0:
        out.append(Section(1, 1, None, None, "preamble", 0, body_start, None))
    offset = len(out)
    for k, (mk, level, parent) in enumerate(kept):
        end = kept[k + 1][0].start if k + 1 < len(kept) else tail
        heading = _heading(text, mk.head_start, end, part=level == 1 and mk.style == "cn")
        out.append(Section(offset + k + 1, level, mk.numbering, heading, "body", mk.start, end,
                           None if parent is None else offset + parent + 1))
    if tail < len(text):
        for start, end, kind, numbering, heading in _tail_sections(text, tail):
            out.append(Section(len(out) + 1, 1, numbering, heading, kind, start, end, None))
    return tuple(out)
