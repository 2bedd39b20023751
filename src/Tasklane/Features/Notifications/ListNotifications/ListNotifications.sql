-- Ids are UUIDv7: descending id is newest first. The membership join hides workspaces the user has left.
select n.id, n.workspace_id, n.kind, n.project_id, n.task_id, n.comment_id, n.actor_id, u.display_name as actor_display_name,
       n.title, n.excerpt, n.created_at, n.read_at
from notifications n
join workspace_members m on m.workspace_id = n.workspace_id and m.user_id = n.user_id
left join users u on u.id = n.actor_id
where n.user_id = @userId
  and (not @unread or n.read_at is null)
  and (@scope::uuid[] is null or n.workspace_id = any (@scope))
  and (@after::uuid is null or n.id < @after)
order by n.id desc
limit @take
