select exists (
    select 1
    from workspace_members m
    join workspaces w on w.id = m.workspace_id
    where m.user_id = @UserId and m.role = 'owner' and w.require_two_factor
)
