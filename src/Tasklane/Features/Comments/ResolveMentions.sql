select u.id
from users u
join workspace_members m on m.user_id = u.id and m.workspace_id = @workspaceId
where u.email_normalized = any(@emails)
