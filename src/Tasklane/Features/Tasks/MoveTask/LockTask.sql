select id, workspace_id, project_id, status, position, version
from tasks
where id = @taskId
for update
