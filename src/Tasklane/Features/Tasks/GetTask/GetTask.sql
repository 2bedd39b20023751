select t.id, t.workspace_id, t.project_id, t.title, t.description, t.status, t.priority, t.due_at,
       t.assignee_id, t.position, t.version, t.created_by, t.created_at, t.updated_at
from tasks t
join projects p on p.id = t.project_id and p.deleted_at is null -- a deleted project hides its tasks
join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = @userId
where t.id = @taskId
