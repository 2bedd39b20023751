select id, workspace_id, project_id, status, position, version, parent_id, status_id
from tasks
where id = @taskId
for update
