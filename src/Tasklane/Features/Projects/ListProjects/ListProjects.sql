-- Deleted projects never appear; @archived picks the archived or the active ones.
select p.id, p.workspace_id, p.name, p.description, p.version, p.archived_at, p.created_at,
       coalesce(c.todo, 0) as todo, coalesce(c.in_progress, 0) as in_progress, coalesce(c.done, 0) as done
from projects p
left join lateral (
    select count(*) filter (where t.status = 'todo')::int as todo,
           count(*) filter (where t.status = 'in_progress')::int as in_progress,
           count(*) filter (where t.status = 'done')::int as done
    from tasks t
    where t.project_id = p.id
) c on true
where p.workspace_id = @WorkspaceId
  and p.deleted_at is null
  and (p.archived_at is not null) = @archived
  and (@after::uuid is null or p.id > @after)
order by p.id
limit @take
