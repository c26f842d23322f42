-- Staging: rename and cast the sections Parquet.
create or replace temp view stg_sections as
select
    cast(section_id as varchar)        as section_id,
    cast(document_id as varchar)       as document_id,
    cast(parent_section_id as varchar) as parent_section_id,
    cast(level as integer)             as level,
    cast(position as integer)          as position,
    cast(numbering as varchar)         as numbering,
    cast(heading as varchar)           as heading,
    cast(kind as varchar)              as kind,
    cast(char_start as integer)        as char_start,
    cast(char_end as integer)          as char_end,
    cast(body as varchar)              as body
from read_parquet({files}, hive_partitioning = false);
