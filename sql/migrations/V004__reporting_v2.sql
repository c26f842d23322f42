-- reporting_v2: reporting_v1 plus the columns users asked for that v1 cannot add (a contract version only grows
-- by a new version; reporting_v1 stays as it is beside it). See docs/REPORTING_V2.md.
--   documents.notes          why identification stayed open or how it was decided (e.g. 铁东区: two provinces)
--   indicators.change_kind   growth (percent) or points (个百分点): 提高5.8个百分点 is not a growth of 5.8%
--   indicators.period        the years a five-year or cumulative figure covers (year is NULL for those)
create schema if not exists reporting_v2;

create or replace view reporting_v2.documents as
with final as (
    select
        v.document_id, v.source_uri, v.source_sha256, v.part_index, v.title, v.region_name, v.region_code,
        v.admin_level, v.province, v.prefecture, v.plan_year, v.review_year, v.meeting_date, v.congress_term,
        v.congress_session, v.speaker, v.speaker_title, v.script, v.char_count, v.flags, v.ingested_at,
        v.pipeline_version, c.notes
    from reporting_v1.documents v
    join core.documents c using (document_id)
)
select
    document_id, source_uri, source_sha256, part_index, title, region_name, region_code, admin_level, province,
    prefecture, plan_year, review_year, meeting_date, congress_term, congress_session, speaker, speaker_title,
    script, char_count, flags, ingested_at, pipeline_version, notes
from final;

create or replace view reporting_v2.sections as
select
    section_id, document_id, parent_section_id, level, position, numbering, heading, kind, char_start, char_end, body
from reporting_v1.sections;

create or replace view reporting_v2.indicators as
with final as (
    select
        v.indicator_id, v.document_id, v.section_id, v.metric, v.metric_name, v.kind, v.year, v.value, v.unit,
        v.value_base, v.unit_base, v.growth_pct, v.growth_pct_high, v.qualifier, v.evidence, v.char_start,
        v.char_end, c.change_kind, c.period
    from reporting_v1.indicators v
    join core.indicators c using (indicator_id)
)
select
    indicator_id, document_id, section_id, metric, metric_name, kind, year, value, unit, value_base, unit_base,
    growth_pct, growth_pct_high, qualifier, evidence, char_start, char_end, change_kind, period
from final;

create or replace view reporting_v2.glossary as
select document_id, marker, term, definition
from reporting_v1.glossary;

create or replace view reporting_v2.terms as
select document_id, term, "count", weight
from reporting_v1.terms;

create or replace view reporting_v2.growth_targets as
select
    region_code, region_name, admin_level, province, year, target_pct, target_pct_high, qualifier, actual_pct,
    attained, target_document_id, actual_document_id
from reporting_v1.growth_targets;

-- reporting: thin views onto the newest version, now v2.
create or replace view reporting.documents as select * from reporting_v2.documents;
create or replace view reporting.sections as select * from reporting_v2.sections;
create or replace view reporting.indicators as select * from reporting_v2.indicators;
create or replace view reporting.glossary as select * from reporting_v2.glossary;
create or replace view reporting.terms as select * from reporting_v2.terms;
create or replace view reporting.growth_targets as select * from reporting_v2.growth_targets;
