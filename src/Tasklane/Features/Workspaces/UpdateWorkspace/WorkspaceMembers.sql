select user_id from workspace_members where workspace_id = @WorkspaceId
