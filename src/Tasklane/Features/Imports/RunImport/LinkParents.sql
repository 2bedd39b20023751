-- Sub-tasks join their parents by the keys in the file, as deep as @MaxDepth levels below a top-level task: the walk
-- starts at the rows whose parent is not in the file and goes down, so a row deeper than that, or in a cycle of parents
-- (which the walk never reaches), stays a top-level task.
with recursive placed (source_key, task_id, depth) as (
    select c.source_key, c.task_id, 0
    from import_items c
    where c.import_id = @ImportId
      and (c.parent_key is null
           or not exists (select 1 from import_items p where p.import_id = c.import_id and p.source_key = c.parent_key))
    union all
    select c.source_key, c.task_id, placed.depth + 1
    from placed
    join import_items c on c.import_id = @ImportId and c.parent_key = placed.source_key
    where placed.depth < @MaxDepth
)
update tasks t
set parent_id = p.task_id
from placed c
join import_items i on i.import_id = @ImportId and i.source_key = c.source_key
join import_items p on p.import_id = @ImportId and p.source_key = i.parent_key
where c.depth > 0 and t.id = c.task_id
