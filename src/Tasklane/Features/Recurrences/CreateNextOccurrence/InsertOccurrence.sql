-- The next occurrence goes to the end of its status column, as a created task does (CreateTask.sql); returns its position.
insert into tasks (id, workspace_id, project_id, parent_id, title, description, status, priority, start_at, due_at, estimate,
                   assignee_id, position, version, created_by, created_at, updated_at)
values (@Id, @WorkspaceId, @ProjectId, @ParentId, @Title, @Description, @Status, @Priority, @StartAt, @DueAt, @Estimate,
        @AssigneeId,
        coalesce((select max(position) from tasks where project_id = @ProjectId and status = @Status), 0) + 1024
          + (nextval('task_append_seq') % 1024) / 1024.0,
        @Version, @CreatedBy, @CreatedAt, @UpdatedAt)
returning position
