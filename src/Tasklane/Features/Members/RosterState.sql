select
    (select role from workspace_members where workspace_id = @workspaceId and user_id = @callerId) as caller_role,
    (select role from workspace_members where workspace_id = @workspaceId and user_id = @targetId) as target_role,
    (select count(*)::int from workspace_members where workspace_id = @workspaceId and role = 'owner') as owners
