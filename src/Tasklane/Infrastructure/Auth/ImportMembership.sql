-- An import is seen by the members of its workspace.
select m.workspace_id, null::uuid as project_id, m.user_id, m.role, false as project_archived
from imports i
join workspace_members m on m.workspace_id = i.workspace_id and m.user_id = @userId
where i.id = @id
