-- No row updated: a newer attempt took the job over, and this one must stop.
update exports set progress = @Progress where id = @ExportId and attempt = @Attempt and status = 'running'
