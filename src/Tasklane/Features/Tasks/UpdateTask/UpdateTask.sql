-- A task whose status changes joins the end of its new column (see CreateTask.sql), the first status of the new category
-- (the trigger of 0026_project_statuses.sql); returns the resulting position and column.
-- assignee_id mirrors the first assignee for readers of the single-assignee column.
update tasks
set title = @Title, description = @Description, status = @Status, priority = @Priority,
    start_at = @StartAt, due_at = @DueAt, estimate = @Estimate, parent_id = @ParentId,
    assignee_id = @AssigneeId, version = @Version, updated_at = @UpdatedAt,
    position = case
        when status = @Status then position
        else coalesce((select max(position) from tasks where project_id = @ProjectId and status = @Status), 0) + 1024
             + (nextval('task_append_seq') % 1024) / 1024.0
    end
where id = @Id
returning position, status_id
