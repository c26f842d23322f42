-- Staging: rename and cast the rejects Parquet.
create or replace temp view stg_rejects as
select
    cast(source_uri as varchar)       as source_uri,
    cast(source_sha256 as varchar)    as source_sha256,
    cast(stage as varchar)            as stage,
    cast(reason as varchar)           as reason,
    cast(detail as varchar)           as detail,
    cast(raw_path as varchar)         as raw_path,
    cast(run_id as varchar)           as run_id,
    cast(seen_at as timestamp)        as seen_at,
    cast(pipeline_version as varchar) as pipeline_version
from read_parquet({files}, hive_partitioning = false);
