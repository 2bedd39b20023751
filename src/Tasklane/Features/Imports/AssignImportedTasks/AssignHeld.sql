-- The batch is done: the tasks that gain the assignee get it with their new version (assignee_id mirrors the first of the
-- sorted assignees), and every row of the batch goes.
with assigned as (
    insert into task_assignees (task_id, user_id)
    select unnest(@TaskIds::uuid[]), @UserId
    on conflict do nothing
), bumped as (
    update tasks t
    set version = c.version, assignee_id = c.first_assignee, updated_at = @Now
    from unnest(@TaskIds::uuid[], @Versions::integer[], @FirstAssignees::uuid[]) as c (id, version, first_assignee)
    where t.id = c.id
)
delete from invitation_assignments
where invitation_id = @InvitationId and task_id = any (@HeldIds)
