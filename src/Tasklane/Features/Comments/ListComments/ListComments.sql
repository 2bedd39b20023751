select c.id, c.task_id, c.workspace_id, c.author_id, u.display_name as author_display_name, c.body,
       array(select m.user_id from comment_mentions m where m.comment_id = c.id order by m.user_id) as mentions,
       c.version, c.created_at, c.edited_at
from comments c
left join users u on u.id = c.author_id
where c.task_id = @taskId and (@after::uuid is null or c.id > @after)
order by c.id
limit @take
