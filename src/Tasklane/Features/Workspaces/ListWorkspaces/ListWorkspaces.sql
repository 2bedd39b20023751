select w.id, w.name, m.role, w.created_at, w.require_two_factor
from workspace_members m
join workspaces w on w.id = m.workspace_id
where m.user_id = @userId and (@after::uuid is null or m.workspace_id > @after)
  and (@scope::uuid[] is null or m.workspace_id = any (@scope))
order by m.workspace_id
limit @take
