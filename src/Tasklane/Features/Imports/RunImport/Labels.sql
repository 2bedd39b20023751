select id, name from labels where workspace_id = @WorkspaceId
