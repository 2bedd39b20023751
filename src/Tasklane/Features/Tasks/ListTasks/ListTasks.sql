select id, workspace_id, project_id, title, description, status, priority, due_at,
       assignee_id, position, version, created_by, created_at, updated_at
from tasks
where project_id = @ProjectId
  and (@status::text is null or status = @status)
  and (@after::uuid is null or id > @after)
order by id
limit @take
