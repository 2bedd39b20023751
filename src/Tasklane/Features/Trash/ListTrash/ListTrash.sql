-- What a workspace's trash can give back, newest deletion first: the tasks deleted by name in live projects (a task that
-- went with its parent comes back with it, and a deleted project's tasks with the project), the deleted comments of
-- live tasks (titled by the start of their text), and the deleted projects.
-- Past @cutoff nothing can be restored, though the purge may not have run yet. Keyset on (deleted_at, id), descending.
select type, id, title, project_id, deleted_at, deleted_by, sub_tasks
from (
    select 'task' as type, t.id, t.title, t.project_id, t.deleted_at, t.deleted_by,
           (select count(*) from task_rows s where s.trashed_with = t.id and s.id <> t.id)::int as sub_tasks
    from task_rows t
    join projects p on p.id = t.project_id and p.deleted_at is null
    where t.workspace_id = @WorkspaceId and t.deleted_at > @cutoff and t.trashed_with = t.id
    union all
    select 'comment', c.id, left(c.body, 200), t.project_id, c.deleted_at, c.deleted_by, 0
    from comment_rows c
    join tasks t on t.id = c.task_id
    join projects p on p.id = t.project_id and p.deleted_at is null
    where c.workspace_id = @WorkspaceId and c.deleted_at > @cutoff
    union all
    select 'project', p.id, p.name, p.id, p.deleted_at, null, 0
    from projects p
    where p.workspace_id = @WorkspaceId and p.deleted_at > @cutoff
) trash
where @afterAt::timestamptz is null or (deleted_at, id) < (@afterAt::timestamptz, @afterId::uuid)
order by deleted_at desc, id desc
limit @take
