with marked as (
    update notifications n set read_at = coalesce(n.read_at, @now)
    from workspace_members m
    where n.id = @notificationId and n.user_id = @userId and m.workspace_id = n.workspace_id and m.user_id = n.user_id
      and (@scope::uuid[] is null or n.workspace_id = any (@scope))
    returning n.*
)
select n.id, n.workspace_id, n.kind, n.project_id, n.task_id, n.comment_id, n.actor_id, u.display_name as actor_display_name,
       n.title, n.excerpt, n.created_at, n.read_at
from marked n
left join users u on u.id = n.actor_id
