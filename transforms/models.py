"""Frozen records that the pure transforms return; flows/ turns them into Parquet rows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class TransformError(Exception):
    """An input that cannot become a document; `reason` is a short code, `detail` a sentence for a person."""

    def __init__(self, reason: str, detail: str, stage: str = "transform") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.stage = stage


class DecodeError(TransformError):
    """Bytes that are empty, binary or not decodable as Chinese text."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail, stage="decode")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str          # python codec name actually used, e.g. utf-8, gb18030, big5
    method: str            # how it was chosen: bom, http, meta, utf-8, detected


@dataclass(frozen=True)
class Part:
    """One report inside a page (a listing page holds several)."""

    index: int             # 1-based part_index
    text: str              # the report's raw text (page chrome may remain; clean() removes it)
    page_title: str | None  # the title the page/listing gives it, if any
    start: int             # offsets of `text` in the page text it was split from
    end: int


@dataclass(frozen=True)
class FootnoteRef:
    marker: str            # as written: [12], ①, ? (a lost circled number)
    offset: int            # position in the cleaned text where the marker stood


@dataclass(frozen=True)
class Cleaned:
    text: str
    script: str                          # simplified | traditional (of the source)
    flags: tuple[str, ...] = ()
    footnotes: tuple[FootnoteRef, ...] = ()
    title: str | None = None             # spam-free page title, when the page had one


@dataclass(frozen=True)
class DocumentMeta:
    title: str | None = None
    region_name: str | None = None
    region_code: str | None = None
    admin_level: str | None = None
    province: str | None = None
    prefecture: str | None = None
    plan_year: int | None = None
    review_year: int | None = None
    meeting_date: dt.date | None = None
    congress_term: int | None = None
    congress_session: int | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()          # e.g. why a region stayed ambiguous


@dataclass(frozen=True)
class Section:
    position: int                        # 1-based order in the document
    level: int                           # 1 for 一、 and top-level unnumbered blocks (preamble, appendix, glossary), 2 for (一), 3 for 1.
    numbering: str | None
    heading: str | None
    kind: str                            # preamble | body | appendix | glossary
    char_start: int                      # own span: text[char_start:char_end] == body
    char_end: int
    parent_position: int | None = None

    def body_of(self, text: str) -> str:
        return text[self.char_start:self.char_end]


@dataclass(frozen=True)
class GlossaryEntry:
    marker: str | None
    term: str
    definition: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class FootnoteLink:
    """A footnote reference taken out of the body, and the glossary entry it points to (None if not found)."""

    marker: str
    offset: int                          # where the marker stood in the cleaned text
    glossary_index: int | None           # 0-based index into Report.glossary


@dataclass(frozen=True)
class Indicator:
    metric: str                          # canonical code or 'other'
    metric_name: str                     # as written
    kind: str                            # actual | estimate | target
    year: int | None
    value: float | None
    unit: str | None
    value_base: float | None
    unit_base: str | None
    growth_pct: float | None
    growth_pct_high: float | None
    qualifier: str | None
    evidence: str
    char_start: int
    char_end: int
    change_kind: str | None = None       # growth (percent) | points (百分点) | None
    period: str | None = None            # e.g. 2016-2020 for five-year figures, else None


@dataclass(frozen=True)
class TermCount:
    term: str
    count: int


@dataclass(frozen=True)
class Report:
    """Everything the transforms derive from one report."""

    document_id: str
    part_index: int
    cleaned: Cleaned
    meta: DocumentMeta
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...]
    indicators: tuple[Indicator, ...]
    terms: tuple[TermCount, ...] = field(default=())
    footnotes: tuple[FootnoteLink, ...] = field(default=())


@dataclass(frozen=True)
class FileResult:
    """A file's reports, or the reason it could not be used."""

    encoding: str | None
    reports: tuple[Report, ...] = ()
    reject: TransformError | None = None
