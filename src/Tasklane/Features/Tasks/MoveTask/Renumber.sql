-- The gap got too small for a double: space this one column out again, keeping its order. Returns the ids
-- moved, whose cached copies are now stale.
update tasks t
set position = o.n * 1024
from (
    select id, row_number() over (order by position, id) as n
    from tasks
    where project_id = @ProjectId and status_id = @StatusId and id <> @TaskId
) o
where t.id = o.id
returning t.id
