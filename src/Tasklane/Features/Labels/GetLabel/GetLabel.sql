select l.id, l.workspace_id, l.name, l.color, l.version, l.created_by, l.created_at, l.updated_at
from labels l
join workspace_members m on m.workspace_id = l.workspace_id and m.user_id = @userId
where l.id = @labelId and (@scope::uuid[] is null or l.workspace_id = any (@scope))
