-- Core tables, materialised from staging so the published file needs no Parquet beside it.
create schema if not exists core;
create schema if not exists ops;

create table core.documents as
select * from stg_documents;

create table core.sections as
select * from stg_sections;

create table core.indicators as
select * from stg_indicators;

create table core.glossary as
select * from stg_glossary;

-- tf-idf against the whole warehouse: tf = count / tokens in the report, idf = ln(N / df).
-- Unsmoothed on purpose: a word every report uses (项目, 企业) says nothing about one report and weighs 0,
-- so the top weights name what is particular to it (茅山, 秦创原). On the samples smoothing let the
-- common words win.
create table core.terms as
with counts as (
    select document_id, term, term_count from stg_terms
),
doc_totals as (
    select document_id, sum(term_count) as tokens from counts group by document_id
),
doc_freq as (
    select term, count(distinct document_id) as df from counts group by term
),
n_docs as (
    select count(*) as n from core.documents
),
final as (
    select
        c.document_id,
        c.term,
        c.term_count,
        (c.term_count::double / t.tokens) * ln(n.n::double / f.df) as weight
    from counts c
    join doc_totals t using (document_id)
    join doc_freq f using (term)
    cross join n_docs n
)
select document_id, term, term_count, weight from final;

-- Footnote markers come out of the cleaned text; this keeps where each stood and which entry it explains.
create table core.footnotes as
select f.document_id, f.marker, f.char_offset, f.glossary_position, g.term
from stg_footnotes f
left join stg_glossary g on g.document_id = f.document_id and g.position = f.glossary_position;

create table ops.sources as
select * from stg_sources;

create table ops.rejects as
select source_uri, source_sha256, stage, reason, detail, seen_at, raw_path, run_id, pipeline_version
from stg_rejects;

create table ops.runs as
select * from stg_runs;
