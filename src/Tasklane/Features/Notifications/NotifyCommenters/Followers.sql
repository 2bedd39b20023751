-- The task's followers: its creator, assignees and commenters, plus whoever followed it explicitly, minus
-- whoever unfollowed it (an explicit row wins). Not-members and the actor are filtered out by the Notifier.
with implicit as (
    select t.created_by as user_id from tasks t where t.id = @TaskId
    union
    select a.user_id from task_assignees a where a.task_id = @TaskId
    union
    select c.author_id from comments c where c.task_id = @TaskId
)
select i.user_id from implicit i
where not exists (select 1 from task_followers f where f.task_id = @TaskId and f.user_id = i.user_id and not f.following)
union
select f.user_id from task_followers f where f.task_id = @TaskId and f.following
