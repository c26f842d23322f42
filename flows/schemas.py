"""Explicit Arrow schemas of the Parquet exchange tables (transform → load)."""
from __future__ import annotations

import pyarrow as pa

STR = pa.string()
I32 = pa.int32()
F64 = pa.float64()
TS = pa.timestamp("us")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("document_id", STR), ("source_uri", STR), ("source_sha256", STR), ("part_index", I32), ("title", STR),
        ("region_name", STR), ("region_code", STR), ("admin_level", STR), ("province", STR), ("prefecture", STR),
        ("plan_year", I32), ("review_year", I32), ("meeting_date", pa.date32()), ("congress_term", I32),
        ("congress_session", I32), ("speaker", STR), ("speaker_title", STR), ("script", STR), ("char_count", I32),
        ("flags", pa.list_(STR)), ("ingested_at", TS), ("pipeline_version", STR),
        ("notes", pa.list_(STR)), ("encoding", STR), ("raw_path", STR), ("text", STR),
    ]),
    "sections": pa.schema([
        ("section_id", STR), ("document_id", STR), ("parent_section_id", STR), ("level", I32), ("position", I32),
        ("numbering", STR), ("heading", STR), ("kind", STR), ("char_start", I32), ("char_end", I32), ("body", STR),
    ]),
    "indicators": pa.schema([
        ("indicator_id", STR), ("document_id", STR), ("section_id", STR), ("metric", STR), ("metric_name", STR),
        ("kind", STR), ("year", I32), ("value", F64), ("unit", STR), ("value_base", F64), ("unit_base", STR),
        ("growth_pct", F64), ("growth_pct_high", F64), ("qualifier", STR), ("evidence", STR),
        ("char_start", I32), ("char_end", I32), ("change_kind", STR), ("period", STR),
    ]),
    "glossary": pa.schema([
        ("document_id", STR), ("position", I32), ("marker", STR), ("term", STR), ("definition", STR),
        ("char_start", I32), ("char_end", I32),
    ]),
    "terms": pa.schema([("document_id", STR), ("term", STR), ("count", I32)]),
    # Footnote references taken out of the body text, linked to the glossary entry they explain.
    "footnotes": pa.schema([("document_id", STR), ("marker", STR), ("char_offset", I32), ("glossary_position", I32)]),
    # One row per input seen under a pipeline version: what became of it.
    "sources": pa.schema([
        ("source_sha256", STR), ("source_uri", STR), ("status", STR), ("document_ids", pa.list_(STR)),
        ("encoding", STR), ("run_id", STR), ("seen_at", TS), ("pipeline_version", STR),
    ]),
    "rejects": pa.schema([
        ("source_uri", STR), ("source_sha256", STR), ("stage", STR), ("reason", STR), ("detail", STR),
        ("raw_path", STR), ("run_id", STR), ("seen_at", TS), ("pipeline_version", STR),
    ]),
    "runs": pa.schema([
        ("run_id", STR), ("started_at", TS), ("finished_at", TS), ("inbox", STR), ("files_seen", I32),
        ("files_new", I32), ("files_rejected", I32), ("files_duplicate", I32), ("documents_loaded", I32),
        ("status", STR), ("pipeline_version", STR), ("error", STR),
    ]),
}

# Tables kept per pipeline version (a bump reprocesses into a fresh partition); runs span versions.
VERSIONED = ("documents", "sections", "indicators", "glossary", "terms", "footnotes", "sources", "rejects")
