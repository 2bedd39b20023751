-- Inserts nothing when the workspace already has a label of that name in any case (409).
insert into labels (id, workspace_id, name, color, version, created_by, created_at, updated_at)
values (@Id, @WorkspaceId, @Name, @Color, @Version, @CreatedBy, @CreatedAt, @UpdatedAt)
on conflict (workspace_id, lower(name)) do nothing
returning id
