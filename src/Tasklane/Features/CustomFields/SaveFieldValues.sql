-- One row per task and field: a cleared field loses its row, a set one is inserted or overwritten.
with given as (
    select *
    from jsonb_to_recordset(@rows::jsonb) as x (task_id uuid, field_id uuid, project_id uuid, clear boolean, value jsonb,
                                                 txt text, num numeric, ref uuid, refs uuid[])
), cleared as (
    delete from task_field_values v
    using given g
    where g.clear and v.task_id = g.task_id and v.field_id = g.field_id
)
insert into task_field_values (task_id, field_id, project_id, value, txt, num, ref, refs)
select task_id, field_id, project_id, value, txt, num, ref, refs
from given
where not clear
on conflict (task_id, field_id) do update
    set value = excluded.value, txt = excluded.txt, num = excluded.num, ref = excluded.ref, refs = excluded.refs
