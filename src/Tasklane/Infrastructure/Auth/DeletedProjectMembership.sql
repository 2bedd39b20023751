-- Like ProjectMembership.sql but also finds soft-deleted projects: only restore uses it.
select m.workspace_id, p.id as project_id, m.user_id, m.role, p.archived_at is not null as project_archived,
    ws.require_two_factor and not exists (select 1 from two_factor f where f.user_id = m.user_id and f.enabled_at is not null) as two_factor_missing
from projects p
join workspace_members m on m.workspace_id = p.workspace_id and m.user_id = @userId
join workspaces ws on ws.id = m.workspace_id
where p.id = @id
