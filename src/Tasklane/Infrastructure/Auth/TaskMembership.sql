select m.workspace_id, t.project_id, m.user_id, m.role
from tasks t
join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = @userId
where t.id = @id
