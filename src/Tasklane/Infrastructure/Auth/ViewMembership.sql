-- A saved view is seen by the members of its project's workspace when it is shared, and by its owner; a deleted
-- project's views are gone with it.
select m.workspace_id, v.project_id, m.user_id, m.role, p.archived_at is not null as project_archived,
    ws.require_two_factor and not exists (select 1 from two_factor f where f.user_id = m.user_id and f.enabled_at is not null) as two_factor_missing
from saved_views v
join projects p on p.id = v.project_id and p.deleted_at is null
join workspace_members m on m.workspace_id = v.workspace_id and m.user_id = @userId
join workspaces ws on ws.id = m.workspace_id
where v.id = @id and (v.shared or v.owner_id = @userId)
