update tasks
set title = @Title, description = @Description, status = @Status, priority = @Priority,
    due_at = @DueAt, assignee_id = @AssigneeId, version = @Version, updated_at = @UpdatedAt
where id = @Id
