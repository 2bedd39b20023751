-- Which workspace and project a task is in: fixed for the task's life, so it is cached until it expires.
select workspace_id, project_id from tasks where id = @id
