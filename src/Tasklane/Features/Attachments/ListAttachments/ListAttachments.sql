select id, workspace_id, project_id, task_id, file_name, content_type, size, status, created_by, created_at, completed_at
from attachments
where task_id = @taskId and status = 'ready' and deleted_at is null and (@after::uuid is null or id > @after)
order by id
limit @take
