-- The status' tasks (trashed ones too) take its new category and stay in its column (0026_project_statuses.sql's trigger).
-- Returns their ids, whose cached copies are now stale.
update task_rows
set status = @Category, version = version + 1, updated_at = @UpdatedAt
where project_id = @ProjectId and status_id = @Id
returning id, parent_id
