-- Only the newest attempt of a running job can finish it, so a job finishes exactly once.
update exports
set status = 'succeeded', progress = 1, size = @Size, task_count = @TaskCount, finished_at = @Now, expires_at = @ExpiresAt, upload_id = null
where id = @ExportId and attempt = @Attempt and status = 'running'
