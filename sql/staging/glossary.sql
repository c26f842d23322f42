-- Staging: rename and cast the glossary Parquet.
create or replace temp view stg_glossary as
select
    cast(document_id as varchar) as document_id,
    cast(position as integer)    as position,
    cast(marker as varchar)      as marker,
    cast(term as varchar)        as term,
    cast(definition as varchar)  as definition,
    cast(char_start as integer)  as char_start,
    cast(char_end as integer)    as char_end
from read_parquet({files}, hive_partitioning = false);
