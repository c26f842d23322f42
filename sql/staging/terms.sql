-- Staging: rename and cast the term counts Parquet.
create or replace temp view stg_terms as
select
    cast(document_id as varchar) as document_id,
    cast(term as varchar)        as term,
    cast("count" as integer)     as term_count
from read_parquet({files}, hive_partitioning = false);
