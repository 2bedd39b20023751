-- At the end of the workspace's fields. Inserts nothing when the workspace has its maximum of fields.
insert into custom_fields (id, workspace_id, name, type, options, position, version, created_by, created_at, updated_at)
select @Id, @WorkspaceId, @Name, @Type, @Options, coalesce(max(position), 0) + 1024, @Version, @CreatedBy, @CreatedAt, @UpdatedAt
from custom_fields
where workspace_id = @WorkspaceId
having count(*) < @Max
returning position
