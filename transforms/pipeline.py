"""One file's bytes to its reports: decode → page text → split → clean → identify → structure → extract."""
from __future__ import annotations

import dataclasses
import hashlib
import re

from . import clean, glossary, indicators, metadata, sections, split, terms
from .decode import decode_bytes
from .models import FileResult, Report, TransformError

# A government work report says so, and addresses the congress: both must be present.
REPORT_MARKERS = (re.compile(r"工作报告|工作報告|工\s*作\s*报\s*告"), re.compile(r"各位代表"))
MIN_REPORT_CHARS = 2000


def document_id(cleaned_text: str) -> str:
    """Stable id from cleaned content: the same report from any file or URL gets the same id."""
    return hashlib.sha256(cleaned_text.encode("utf-8")).hexdigest()[:20]


def transform_file(raw: bytes, declared_charset: str | None = None, user_words: tuple[str, ...] = ()) -> FileResult:
    """Transform a whole file; unusable input comes back as FileResult.reject, never as an exception."""
    try:
        decoded = decode_bytes(raw, declared_charset)
    except TransformError as exc:
        return FileResult(encoding=None, reject=exc)
    page = clean.page_text(decoded.text)
    if not all(p.search(clean.PINYIN.sub("", page)) for p in REPORT_MARKERS):
        return FileResult(encoding=decoded.encoding, reject=TransformError(
            "not_a_report", "The text does not read as a government work report (no 政府工作报告 title and no "
            "'各位代表' address); if it is one, check that the whole page was saved.", stage="identify"))
    parts = split.split_reports(page)
    title = clean.html_title(decoded.text)
    if len(parts) == 1 and title and REPORT_MARKERS[0].search(title):
        # A one-report page: its <title> names the report better than a line guessed from the text.
        parts = (dataclasses.replace(parts[0], page_title=title),)
    reports = []
    for part in parts:
        cleaned = clean.clean_report(part)
        if len(cleaned.text) < MIN_REPORT_CHARS:
            continue
        reports.append(transform_report(cleaned, part.index, user_words))
    if not reports:
        return FileResult(encoding=decoded.encoding, reject=TransformError(
            "too_short", f"No report of at least {MIN_REPORT_CHARS} characters was found after cleaning; the page "
            "may hold only an excerpt or a link to the report.", stage="split"))
    return FileResult(encoding=decoded.encoding, reports=tuple(reports))


def transform_report(cleaned, part_index: int, user_words: tuple[str, ...] = ()) -> Report:
    meta = metadata.identify(cleaned)
    secs = sections.split_sections(cleaned.text)
    gloss = glossary.extract_glossary(cleaned.text, secs)
    inds = indicators.extract_indicators(cleaned.text, secs, meta)
    words = tuple(dict.fromkeys(user_words + tuple(g.term for g in gloss)))
    body = "".join(s.body_of(cleaned.text) for s in secs if s.kind == "body")
    return Report(
        document_id=document_id(cleaned.text), part_index=part_index, cleaned=cleaned, meta=meta,
        sections=secs, glossary=gloss, indicators=inds, terms=terms.count_terms(body, words),
        footnotes=glossary.link_footnotes(cleaned.footnotes, gloss),
    )
