select m.workspace_id, p.id as project_id, m.user_id, m.role
from projects p
join workspace_members m on m.workspace_id = p.workspace_id and m.user_id = @userId
where p.id = @id
