-- The task and its sub-tasks not yet in the trash, to any depth, go there together, marked with the task's id so that
-- restoring it brings back exactly these. Returns their ids.
with recursive subtree as (
    select id from tasks where id = @taskId
    union
    select t.id from tasks t join subtree s on t.parent_id = s.id
)
update task_rows r
set deleted_at = @now, deleted_by = @actorId, trashed_with = @taskId, version = r.version + 1
from subtree s
where r.id = s.id
returning r.id
