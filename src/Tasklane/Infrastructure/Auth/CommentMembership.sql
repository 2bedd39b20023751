select m.workspace_id, t.project_id, m.user_id, m.role
from comments c
join tasks t on t.id = c.task_id
join workspace_members m on m.workspace_id = c.workspace_id and m.user_id = @userId
where c.id = @id
