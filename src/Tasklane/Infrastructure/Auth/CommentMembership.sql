-- Comments of a deleted project's tasks are invisible with it.
select m.workspace_id, t.project_id, m.user_id, m.role, p.archived_at is not null as project_archived,
    ws.require_two_factor and not exists (select 1 from two_factor f where f.user_id = m.user_id and f.enabled_at is not null) as two_factor_missing
from comments c
join tasks t on t.id = c.task_id
join projects p on p.id = t.project_id and p.deleted_at is null
join workspace_members m on m.workspace_id = c.workspace_id and m.user_id = @userId
join workspaces ws on ws.id = m.workspace_id
where c.id = @id
