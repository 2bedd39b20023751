select p.id, p.workspace_id, p.name, p.description, p.version, p.archived_at, p.created_at,
       count(t.id) filter (where t.status = 'todo')::int as todo,
       count(t.id) filter (where t.status = 'in_progress')::int as in_progress,
       count(t.id) filter (where t.status = 'done')::int as done
from projects p
left join tasks t on t.project_id = p.id
where p.id = @ProjectId and p.deleted_at is null
group by p.id
