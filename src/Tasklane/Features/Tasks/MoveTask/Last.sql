select id, project_id, status, position, status_id
from tasks
where project_id = @ProjectId and status_id = @StatusId and id <> @TaskId
order by position desc, id desc
limit 1
