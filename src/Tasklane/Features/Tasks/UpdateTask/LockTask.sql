select id, workspace_id, project_id, title, description, status, priority, due_at,
       assignee_id, position, version, created_by, created_at, updated_at
from tasks
where id = @taskId
for update
