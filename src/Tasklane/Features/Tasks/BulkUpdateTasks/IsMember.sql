select exists (select 1 from workspace_members where workspace_id = @WorkspaceId and user_id = @userId)
