select count(*)::int
from notifications n
join workspace_members m on m.workspace_id = n.workspace_id and m.user_id = n.user_id
where n.user_id = @userId and n.read_at is null and (@scope::uuid[] is null or n.workspace_id = any (@scope))
