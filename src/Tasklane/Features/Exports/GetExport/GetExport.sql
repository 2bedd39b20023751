select id, workspace_id, project_id, format, status, progress, file_name, size, task_count, error,
       created_by, created_at, started_at, finished_at, expires_at
from exports
where id = @ExportId
