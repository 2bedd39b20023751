-- Shared lock: a concurrent change making the parent a sub-task (which locks it for update) waits for us.
select id, parent_id
from tasks
where id = @parentId and project_id = @ProjectId
for share
