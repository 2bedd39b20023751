-- Tasks of a deleted project are invisible with it.
select m.workspace_id, t.project_id, m.user_id, m.role, p.archived_at is not null as project_archived
from tasks t
join projects p on p.id = t.project_id and p.deleted_at is null
join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = @userId
where t.id = @id
