select m.workspace_id, m.user_id, u.email, u.display_name, m.role, m.joined_at
from workspace_members m
join users u on u.id = m.user_id
where m.workspace_id = @WorkspaceId and (@after::uuid is null or m.user_id > @after)
order by m.user_id
limit @take
