-- Claims the reminder of (task, due date) for this message if the task is still due then, open and not deleted;
-- returns the id of whichever message holds the claim (none when superseded and never fired).
with claimed as (
    insert into task_reminders (id, task_id, due_at, fired_at)
    select @EventId, t.id, t.due_at, @now
    from tasks t
    join projects p on p.id = t.project_id and p.deleted_at is null
    where t.id = @TaskId and t.due_at = @DueAt and t.status <> 'done'
    on conflict (task_id, due_at) do nothing
    returning id
)
select id from claimed
union all
select r.id from task_reminders r where r.task_id = @TaskId and r.due_at = @DueAt
limit 1
