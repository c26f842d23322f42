-- Staging: rename and cast the indicators Parquet.
create or replace temp view stg_indicators as
select
    cast(indicator_id as varchar)   as indicator_id,
    cast(document_id as varchar)    as document_id,
    cast(section_id as varchar)     as section_id,
    cast(metric as varchar)         as metric,
    cast(metric_name as varchar)    as metric_name,
    cast(kind as varchar)           as kind,
    cast(year as integer)           as year,
    cast(value as double)           as value,
    cast(unit as varchar)           as unit,
    cast(value_base as double)      as value_base,
    cast(unit_base as varchar)      as unit_base,
    cast(growth_pct as double)      as growth_pct,
    cast(growth_pct_high as double) as growth_pct_high,
    cast(qualifier as varchar)      as qualifier,
    cast(evidence as varchar)       as evidence,
    cast(char_start as integer)     as char_start,
    cast(char_end as integer)       as char_end,
    cast(change_kind as varchar)    as change_kind,
    cast(period as varchar)         as period
from read_parquet({files}, hive_partitioning = false);
