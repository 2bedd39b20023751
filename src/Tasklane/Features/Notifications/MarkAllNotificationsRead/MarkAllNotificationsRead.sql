-- Only what the caller can see: notifications of workspaces they have left stay as they are.
update notifications n set read_at = @now
from workspace_members m
where n.user_id = @userId and n.read_at is null and m.workspace_id = n.workspace_id and m.user_id = n.user_id
  and (@scope::uuid[] is null or n.workspace_id = any (@scope))
