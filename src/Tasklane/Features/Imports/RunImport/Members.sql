select u.id, u.email, u.display_name
from workspace_members m
join users u on u.id = m.user_id
where m.workspace_id = @WorkspaceId
