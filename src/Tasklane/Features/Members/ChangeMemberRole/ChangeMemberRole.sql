with updated as (
    update workspace_members set role = @role
    where workspace_id = @WorkspaceId and user_id = @TargetId
    returning workspace_id, user_id, role, joined_at
)
select m.workspace_id, m.user_id, u.email, u.display_name, m.role, m.joined_at
from updated m
join users u on u.id = m.user_id
