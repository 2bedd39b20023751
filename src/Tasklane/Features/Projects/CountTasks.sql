select count(*) filter (where status = 'todo')::int as todo,
       count(*) filter (where status = 'in_progress')::int as in_progress,
       count(*) filter (where status = 'done')::int as done
from tasks
where project_id = @projectId
