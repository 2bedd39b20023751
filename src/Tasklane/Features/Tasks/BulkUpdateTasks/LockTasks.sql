-- Id order, so two bulk updates over overlapping tasks take their locks in the same order.
select id, workspace_id, project_id, status, assignee_id, position, version
from tasks
where project_id = @ProjectId and id = any(@ids)
order by id
for update
