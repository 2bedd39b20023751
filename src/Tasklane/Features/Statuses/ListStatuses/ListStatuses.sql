select id, project_id, name, color, category, position, wip_limit, version, created_at, updated_at
from project_statuses
where project_id = @ProjectId
order by position, id
