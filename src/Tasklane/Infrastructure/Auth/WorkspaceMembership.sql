select m.workspace_id, null::uuid as project_id, m.user_id, m.role, false as project_archived,
    ws.require_two_factor and not exists (select 1 from two_factor f where f.user_id = m.user_id and f.enabled_at is not null) as two_factor_missing
from workspace_members m
join workspaces ws on ws.id = m.workspace_id
where m.workspace_id = @id and m.user_id = @userId
