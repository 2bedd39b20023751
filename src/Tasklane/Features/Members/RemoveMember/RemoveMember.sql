delete from workspace_members where workspace_id = @WorkspaceId and user_id = @TargetId
