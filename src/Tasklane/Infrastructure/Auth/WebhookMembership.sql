select m.workspace_id, null::uuid as project_id, m.user_id, m.role, false as project_archived
from webhooks w
join workspace_members m on m.workspace_id = w.workspace_id and m.user_id = @userId
where w.id = @id
