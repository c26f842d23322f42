-- Staging: rename and cast the runs Parquet.
create or replace temp view stg_runs as
select
    cast(run_id as varchar)           as run_id,
    cast(started_at as timestamp)     as started_at,
    cast(finished_at as timestamp)    as finished_at,
    cast(inbox as varchar)            as inbox,
    cast(files_seen as integer)       as files_seen,
    cast(files_new as integer)        as files_new,
    cast(files_rejected as integer)   as files_rejected,
    cast(files_duplicate as integer)  as files_duplicate,
    cast(documents_loaded as integer) as documents_loaded,
    cast(status as varchar)           as status,
    cast(pipeline_version as varchar) as pipeline_version,
    cast(error as varchar)            as error
from read_parquet({files}, hive_partitioning = false);
