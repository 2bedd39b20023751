-- The notifications a notification mail carries (one) or a digest gathers (its period's), oldest first, with the
-- recipient and the task's current title; nothing once the recipient turned notification mail off.
select u.email, u.display_name, n.kind, n.title, n.excerpt, n.task_id, t.title as task_title, a.display_name as actor_name,
       n.created_at
from notification_mails m
join users u on u.id = m.user_id
join notifications n on n.user_id = m.user_id and n.source_id = m.source_id and n.kind = m.kind
left join tasks t on t.id = n.task_id
left join users a on a.id = n.actor_id
where m.mail_id = @SubjectId
  and coalesce((select p.mail from notification_preferences p where p.user_id = m.user_id), @NotificationDefault) <> 'off'
order by n.created_at, n.id
limit 200
