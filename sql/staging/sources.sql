-- Staging: rename and cast the sources Parquet (what became of each input).
create or replace temp view stg_sources as
select
    cast(source_sha256 as varchar)    as source_sha256,
    cast(source_uri as varchar)       as source_uri,
    cast(status as varchar)           as status,
    cast(document_ids as varchar[])   as document_ids,
    cast(encoding as varchar)         as source_encoding,
    cast(run_id as varchar)           as run_id,
    cast(seen_at as timestamp)        as seen_at,
    cast(pipeline_version as varchar) as pipeline_version
from read_parquet({files}, hive_partitioning = false);
