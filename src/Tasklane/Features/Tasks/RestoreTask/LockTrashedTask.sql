-- The task as the trash holds it, and whether its parent is alive.
select t.version, t.deleted_at, t.trashed_with, t.parent_id,
       t.parent_id is not null and not exists (select 1 from tasks p where p.id = t.parent_id) as parent_trashed
from task_rows t
where t.id = @taskId
for update of t
