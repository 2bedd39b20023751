insert into exports (id, workspace_id, project_id, format, status, object_key, file_name, created_by, created_at)
values (@Id, @WorkspaceId, @ProjectId, @Format, 'queued', @ObjectKey, @FileName, @CreatedBy, @CreatedAt)
