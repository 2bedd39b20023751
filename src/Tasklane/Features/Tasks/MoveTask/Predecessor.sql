-- The row right before (position, id) in the column, not counting the task being moved.
select id, project_id, status, position
from tasks
where project_id = @ProjectId and status = @Status and id <> @TaskId
  and (position, id) < (@Position, @Id)
order by position desc, id desc
limit 1
