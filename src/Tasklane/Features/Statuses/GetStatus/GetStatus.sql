select id, project_id, name, color, category, position, wip_limit, version, created_at, updated_at
from project_statuses
where id = @StatusId and project_id = @ProjectId
