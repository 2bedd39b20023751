-- The trigger of 0026_project_statuses.sql gives each task its new status' category.
update tasks t
set status_id = u.status_id, assignee_id = u.assignee_id, position = u.position, version = u.version, updated_at = @now
from unnest(@ids, @statuses, @assignees, @positions, @versions) as u(id, status_id, assignee_id, position, version)
where t.id = u.id
