-- A member's role, and whether the workspace requires two-factor authentication that the member has not enabled.
select m.role,
    ws.require_two_factor and not exists (select 1 from two_factor f where f.user_id = m.user_id and f.enabled_at is not null) as two_factor_missing
from workspace_members m
join workspaces ws on ws.id = m.workspace_id
where m.workspace_id = @workspaceId and m.user_id = @userId
