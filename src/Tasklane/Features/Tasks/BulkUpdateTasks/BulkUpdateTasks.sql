update tasks t
set status = u.status, assignee_id = u.assignee_id, position = u.position, version = u.version, updated_at = @now
from unnest(@ids, @statuses, @assignees, @positions, @versions) as u(id, status, assignee_id, position, version)
where t.id = u.id
