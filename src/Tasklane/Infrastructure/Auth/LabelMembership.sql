select m.workspace_id, null::uuid as project_id, m.user_id, m.role, false as project_archived
from labels l
join workspace_members m on m.workspace_id = l.workspace_id and m.user_id = @userId
where l.id = @id
