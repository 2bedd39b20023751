insert into projects (id, workspace_id, name, description, version, created_by, created_at)
values (@Id, @WorkspaceId, @Name, @Description, @Version, @CreatedBy, @CreatedAt)
