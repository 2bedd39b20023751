select id, workspace_id, project_id, task_id, file_name, content_type, size, status, created_by, created_at, completed_at
from attachments
where id = @attachmentId and deleted_at is null
for update
