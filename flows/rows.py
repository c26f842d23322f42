"""Turn transform results into Parquet rows: ids, section links, provenance columns."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from transforms.models import Report, Section


def section_id(document_id: str, position: int) -> str:
    return f"{document_id}-s{position:04d}"


def innermost_section(sections: tuple[Section, ...], offset: int) -> Section | None:
    """The section whose own span holds `offset` (sections tile the text, so it is the innermost)."""
    for s in sections:
        if s.char_start <= offset < s.char_end:
            return s
    return sections[-1] if sections else None


def report_rows(report: Report, source_uri: str, sha: str, raw_path: str, encoding: str | None,
                version: str, ingested_at: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    doc_id = report.document_id
    text = report.cleaned.text
    m = report.meta
    flags = sorted(set(report.cleaned.flags) | set(m.flags))
    doc = dict(
        document_id=doc_id, source_uri=source_uri, source_sha256=sha, part_index=report.part_index,
        title=m.title or report.cleaned.title, region_name=m.region_name, region_code=m.region_code,
        admin_level=m.admin_level, province=m.province, prefecture=m.prefecture, plan_year=m.plan_year,
        review_year=m.review_year, meeting_date=m.meeting_date, congress_term=m.congress_term,
        congress_session=m.congress_session, speaker=m.speaker, speaker_title=m.speaker_title,
        script=report.cleaned.script, char_count=len(text), flags=flags, ingested_at=ingested_at,
        pipeline_version=version, notes=list(m.notes), encoding=encoding, raw_path=raw_path, text=text,
    )
    sections = [dict(
        section_id=section_id(doc_id, s.position), document_id=doc_id,
        parent_section_id=section_id(doc_id, s.parent_position) if s.parent_position else None,
        level=s.level, position=s.position, numbering=s.numbering, heading=s.heading, kind=s.kind,
        char_start=s.char_start, char_end=s.char_end, body=text[s.char_start:s.char_end],
    ) for s in report.sections]
    indicators = []
    for i in report.indicators:
        sec = innermost_section(report.sections, i.char_start)
        key = f"{doc_id}|{i.char_start}|{i.char_end}|{i.metric}|{i.metric_name}|{i.kind}|{i.growth_pct}|{i.value}"
        indicators.append(dict(
            indicator_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:20], document_id=doc_id,
            section_id=section_id(doc_id, sec.position) if sec else None, metric=i.metric,
            metric_name=i.metric_name, kind=i.kind, year=i.year, value=i.value, unit=i.unit,
            value_base=i.value_base, unit_base=i.unit_base, growth_pct=i.growth_pct,
            growth_pct_high=i.growth_pct_high, qualifier=i.qualifier, evidence=i.evidence,
            char_start=i.char_start, char_end=i.char_end, change_kind=i.change_kind, period=i.period,
        ))
    glossary = [dict(document_id=doc_id, position=n, marker=g.marker, term=g.term, definition=g.definition,
                     char_start=g.char_start, char_end=g.char_end) for n, g in enumerate(report.glossary, start=1)]
    terms = [dict(document_id=doc_id, term=t.term, count=t.count) for t in report.terms]
    footnotes = [dict(document_id=doc_id, marker=f.marker, char_offset=f.offset,
                      glossary_position=None if f.glossary_index is None else f.glossary_index + 1)
                 for f in report.footnotes]
    return {"documents": [doc], "sections": sections, "indicators": indicators, "glossary": glossary, "terms": terms,
            "footnotes": footnotes}
