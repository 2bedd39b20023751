-- Follow (true) or unfollow (false) a task: one row per (task, user), so an explicit choice outlives commenting again.
insert into task_followers (task_id, user_id, following, changed_at)
values (@taskId, @UserId, @following, @now)
on conflict (task_id, user_id) do update set following = excluded.following, changed_at = excluded.changed_at
