-- Takes the job for a new attempt. No row: the job already ended (a redelivered or recovered message has nothing to do).
update imports
set attempt = attempt + 1, status = 'running', started_at = coalesce(started_at, @Now)
where id = @ImportId and status in ('queued', 'running')
returning attempt, workspace_id, requested_by, source, object_key, options::text as options, dry_run, project_id, processed
