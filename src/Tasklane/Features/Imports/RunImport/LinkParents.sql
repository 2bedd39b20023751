-- Sub-tasks join their parents by the keys in the file. Tasklane nests one level, so a task whose own parent is in the
-- file is never made a parent: deeper levels stay top-level tasks.
update tasks t
set parent_id = p.task_id
from import_items c
join import_items p on p.import_id = c.import_id and p.source_key = c.parent_key
where c.import_id = @ImportId and c.parent_key is not null and t.id = c.task_id and p.task_id <> c.task_id
  and not exists (select 1 from import_items g where g.import_id = p.import_id and g.source_key = p.parent_key)
  and not exists (select 1 from import_items k
                  join import_items kp on kp.import_id = k.import_id and kp.source_key = k.parent_key
                  where k.import_id = c.import_id and k.parent_key = c.source_key)
