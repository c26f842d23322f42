-- Staging: rename and cast the footnote links Parquet.
create or replace temp view stg_footnotes as
select
    cast(document_id as varchar)       as document_id,
    cast(marker as varchar)            as marker,
    cast(char_offset as integer)       as char_offset,
    cast(glossary_position as integer) as glossary_position
from read_parquet({files}, hive_partitioning = false);
