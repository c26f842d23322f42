-- reporting_v1: the contract views of ../shared/CONTRACT.md. Explicit column lists; never select *.
create schema if not exists reporting_v1;

create or replace view reporting_v1.documents as
with final as (
    select
        document_id, source_uri, source_sha256, part_index, title, region_name, region_code, admin_level,
        province, prefecture, plan_year, review_year, meeting_date, congress_term, congress_session,
        speaker, speaker_title, script, char_count, flags, ingested_at, pipeline_version
    from core.documents
)
select
    document_id, source_uri, source_sha256, part_index, title, region_name, region_code, admin_level,
    province, prefecture, plan_year, review_year, meeting_date, congress_term, congress_session,
    speaker, speaker_title, script, char_count, flags, ingested_at, pipeline_version
from final;

create or replace view reporting_v1.sections as
with final as (
    select
        section_id, document_id, parent_section_id, level, position, numbering, heading, kind,
        char_start, char_end, body
    from core.sections
)
select
    section_id, document_id, parent_section_id, level, position, numbering, heading, kind,
    char_start, char_end, body
from final;

create or replace view reporting_v1.indicators as
with final as (
    select
        indicator_id, document_id, section_id, metric, metric_name, kind, year, value, unit, value_base,
        unit_base, growth_pct, growth_pct_high, qualifier, evidence, char_start, char_end
    from core.indicators
)
select
    indicator_id, document_id, section_id, metric, metric_name, kind, year, value, unit, value_base,
    unit_base, growth_pct, growth_pct_high, qualifier, evidence, char_start, char_end
from final;

create or replace view reporting_v1.glossary as
with final as (
    select document_id, marker, term, definition, position
    from core.glossary
)
select document_id, marker, term, definition
from final
order by document_id, position;

create or replace view reporting_v1.terms as
with final as (
    select document_id, term, term_count as "count", weight
    from core.terms
)
select document_id, term, "count", weight
from final;

-- One row per region and year with a GDP growth target or a realised growth. The realised growth comes from a
-- later report of the same region (its review of that year): an actual figure before a 预计 estimate, then the
-- most recent such report. Five-year (period) figures and changes in points never count. When a report states
-- two GDP targets for its plan year (东丽: 6%以上, then the district committee's 6.5%), the first, its
-- 主要预期目标 figure, is the target.
create or replace view reporting_v1.growth_targets as
with docs as (
    select document_id, region_code, region_name, admin_level, province, plan_year, review_year, meeting_date
    from core.documents
    where region_code is not null
),
targets as (
    select
        d.region_code, d.region_name, d.admin_level, d.province, i.year,
        i.growth_pct as target_pct,
        coalesce(i.growth_pct_high, i.growth_pct) as target_pct_high,
        i.qualifier,
        d.document_id as target_document_id,
        row_number() over (partition by d.region_code, i.year order by d.meeting_date desc nulls last, i.char_start) as rn
    from core.indicators i
    join docs d using (document_id)
    where i.metric = 'gdp' and i.kind = 'target' and i.growth_pct is not null
      and coalesce(i.change_kind, 'growth') = 'growth' and i.period is null and i.year = d.plan_year
),
actuals as (
    select
        d.region_code, i.year, i.growth_pct as actual_pct, d.document_id as actual_document_id,
        row_number() over (
            partition by d.region_code, i.year
            order by (i.kind = 'actual') desc, d.meeting_date desc nulls last, i.char_start
        ) as rn
    from core.indicators i
    join docs d using (document_id)
    where i.metric = 'gdp' and i.kind in ('actual', 'estimate') and i.growth_pct is not null
      and coalesce(i.change_kind, 'growth') = 'growth' and i.period is null and i.year = d.review_year
),
regions as (
    -- Region names as the most recent report of the region gives them (for years known only from an outcome).
    select region_code, region_name, admin_level, province
    from (select *, row_number() over (partition by region_code order by meeting_date desc nulls last, document_id) as rn
          from docs)
    where rn = 1
),
final as (
    -- A row for every region-year with a target or an outcome: the panel shows outcomes still awaiting their
    -- target's report too (attained is NULL while either side is missing).
    select
        coalesce(t.region_code, a.region_code) as region_code,
        r.region_name, r.admin_level, r.province,
        coalesce(t.year, a.year) as year,
        t.target_pct, t.target_pct_high, t.qualifier,
        a.actual_pct,
        case when a.actual_pct is null or t.target_pct is null then null else a.actual_pct >= t.target_pct end as attained,
        t.target_document_id, a.actual_document_id
    from (select * from targets where rn = 1) t
    full join (select * from actuals where rn = 1) a on a.region_code = t.region_code and a.year = t.year
    join regions r on r.region_code = coalesce(t.region_code, a.region_code)
)
select
    region_code, region_name, admin_level, province, year, target_pct, target_pct_high, qualifier,
    actual_pct, attained, target_document_id, actual_document_id
from final;
