-- Shared lock: a concurrent delete of the parent (which locks it for update) waits for us.
select id
from tasks
where id = @parentId and project_id = @ProjectId
for share
