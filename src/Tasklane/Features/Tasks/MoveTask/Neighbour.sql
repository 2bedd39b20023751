-- A neighbour named by the client, as currently committed.
select id, project_id, status, position, status_id
from tasks
where id = @id
