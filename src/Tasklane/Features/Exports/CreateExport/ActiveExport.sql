-- The caller's unfinished export of the same project and format, if any: asking again joins it.
select id, workspace_id, project_id, format, status, progress, file_name, size, task_count, error,
       created_by, created_at, started_at, finished_at, expires_at
from exports
where project_id = @ProjectId and created_by = @UserId and format = @Format and status in ('queued', 'running')
order by id desc
limit 1
