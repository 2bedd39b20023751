-- The new task goes to the end of its status column; returns its position. The sequence fraction keeps
-- concurrent appends apart (two may read the same max).
-- Assignees, labels and the parent are checked (TaskLinks) before this runs, in the same transaction.
insert into tasks (id, workspace_id, project_id, parent_id, title, description, status, status_id, priority, start_at, due_at,
                   estimate, assignee_id, position, version, created_by, created_at, updated_at)
values (@Id, @WorkspaceId, @ProjectId, @ParentId, @Title, @Description, @Status, @StatusId, @Priority, @StartAt, @DueAt,
        @Estimate, @AssigneeId,
        coalesce((select max(position) from tasks where project_id = @ProjectId and status_id = @StatusId), 0) + 1024
          + (nextval('task_append_seq') % 1024) / 1024.0,
        @Version, @CreatedBy, @CreatedAt, @UpdatedAt)
returning position
