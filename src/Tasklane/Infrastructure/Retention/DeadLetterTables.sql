-- Wolverine's dead-letter tables, one per envelope schema (wolverine_api, wolverine_worker, and any a later
-- messaging layout adds), quoted for use as a name.
select format('%I.%I', table_schema, table_name)
from information_schema.tables
where table_name = 'wolverine_dead_letters'
order by 1
