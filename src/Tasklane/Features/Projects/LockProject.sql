-- Taken by every write to a project: concurrent changes to one project run one after the other.
select id, workspace_id, name, description, version, archived_at, deleted_at, created_at
from projects
where id = @projectId
for update
