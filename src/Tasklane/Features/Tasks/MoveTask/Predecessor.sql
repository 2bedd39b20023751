-- The row right before (position, id) in the column, not counting the task being moved.
select id, project_id, status, position, status_id
from tasks
where project_id = @ProjectId and status_id = @StatusId and id <> @TaskId
  and (position, id) < (@Position, @Id)
order by position desc, id desc
limit 1
