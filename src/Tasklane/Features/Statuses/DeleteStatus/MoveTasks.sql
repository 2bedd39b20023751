-- Every task of the status (trashed ones too, which a restore brings back) goes to @MoveTo, keeping its position; the
-- trigger of 0026_project_statuses.sql gives it that status' category. Returns them: their cached copies are now stale.
update task_rows
set status_id = @MoveTo, version = version + 1, updated_at = @Now
where project_id = @ProjectId and status_id = @StatusId
returning id, parent_id
