-- The import's project, made by its first write; a run that starts again finds it made.
insert into projects (id, workspace_id, name, description, version, created_by, created_at)
values (@ProjectId, @WorkspaceId, @Name, @Description, 1, @CreatedBy, @Now)
on conflict (id) do nothing
