select t.id, t.project_id, t.title
from tasks t
join projects p on p.id = t.project_id and p.deleted_at is null
where t.id = @taskId
