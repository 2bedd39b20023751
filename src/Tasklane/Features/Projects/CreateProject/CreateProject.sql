insert into projects (id, workspace_id, name, description, created_by, created_at)
values (@Id, @WorkspaceId, @Name, @Description, @CreatedBy, @CreatedAt)
