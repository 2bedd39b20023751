-- Takes the job for a new attempt and hands back the previous attempt's unfinished upload, if any, to abort.
-- No row: the job already finished (a redelivered or recovered message has nothing left to do).
update exports e
set attempt = e.attempt + 1, status = 'running', progress = 0, upload_id = null, error = null,
    started_at = coalesce(e.started_at, @Now)
from exports previous
where e.id = @ExportId and previous.id = e.id and e.status in ('queued', 'running')
returning e.attempt, previous.upload_id as previous_upload_id, e.project_id, e.format, e.object_key
