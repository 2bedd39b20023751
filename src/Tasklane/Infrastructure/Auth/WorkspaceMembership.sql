select m.workspace_id, null::uuid as project_id, m.user_id, m.role, false as project_archived
from workspace_members m
where m.workspace_id = @id and m.user_id = @userId
