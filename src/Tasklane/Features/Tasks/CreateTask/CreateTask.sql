-- Inserts nothing when the assignee is not a member of the task's workspace.
-- The new task goes to the end of its status column; returns its position.
insert into tasks (id, workspace_id, project_id, title, description, status, priority, due_at, assignee_id, position, version, created_by, created_at, updated_at)
select @Id, @WorkspaceId, @ProjectId, @Title, @Description, @Status, @Priority, @DueAt, @AssigneeId,
       coalesce((select max(position) from tasks where project_id = @ProjectId and status = @Status), 0) + 1024,
       @Version, @CreatedBy, @CreatedAt, @UpdatedAt
where @AssigneeId::uuid is null
   or exists (select 1 from workspace_members where workspace_id = @WorkspaceId and user_id = @AssigneeId)
returning position
