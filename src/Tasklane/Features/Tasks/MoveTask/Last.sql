select id, project_id, status, position
from tasks
where project_id = @ProjectId and status = @Status and id <> @TaskId
order by position desc, id desc
limit 1
