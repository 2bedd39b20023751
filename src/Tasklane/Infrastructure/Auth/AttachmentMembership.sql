-- Deleted attachments, those of a task in the trash (the tasks view leaves it out) and those of a deleted project are
-- invisible.
select m.workspace_id, a.project_id, m.user_id, m.role, p.archived_at is not null as project_archived,
    ws.require_two_factor and not exists (select 1 from two_factor f where f.user_id = m.user_id and f.enabled_at is not null) as two_factor_missing
from attachments a
join tasks t on t.id = a.task_id
join projects p on p.id = a.project_id and p.deleted_at is null
join workspace_members m on m.workspace_id = a.workspace_id and m.user_id = @userId
join workspaces ws on ws.id = m.workspace_id
where a.id = @id and a.deleted_at is null
