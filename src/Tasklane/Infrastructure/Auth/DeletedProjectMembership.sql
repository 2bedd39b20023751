-- Like ProjectMembership.sql but also finds soft-deleted projects: only restore uses it.
select m.workspace_id, p.id as project_id, m.user_id, m.role, p.archived_at is not null as project_archived
from projects p
join workspace_members m on m.workspace_id = p.workspace_id and m.user_id = @userId
where p.id = @id
