update exports
set status = 'failed', error = @Error, finished_at = @Now, upload_id = null
where id = @ExportId and attempt = @Attempt and status = 'running'
