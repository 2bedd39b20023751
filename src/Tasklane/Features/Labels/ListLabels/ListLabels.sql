select id, workspace_id, name, color, version, created_by, created_at, updated_at
from labels
where workspace_id = @WorkspaceId
  and (@after::uuid is null or id > @after)
order by id
limit @take
