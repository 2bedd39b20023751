select id, workspace_id, name, description, created_at
from projects
where workspace_id = @WorkspaceId and (@after::uuid is null or id > @after)
order by id
limit @take
