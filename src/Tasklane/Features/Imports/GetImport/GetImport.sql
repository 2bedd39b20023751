select id, workspace_id, source, status, dry_run, project_id, processed, total, created, errors::text as errors, error,
       preview::text as preview, requested_by, created_at, started_at, finished_at
from imports
where id = @ImportId
