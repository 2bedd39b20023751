select id, project_id, name, color, category, position, wip_limit, version, created_at, updated_at
from project_statuses
where project_id = @projectId
  and (id = @statusId or (@statusId::uuid is null and category = @category::text))
order by position, id
limit 1
