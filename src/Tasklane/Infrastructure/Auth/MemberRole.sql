select role from workspace_members where workspace_id = @workspaceId and user_id = @userId
