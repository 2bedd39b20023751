select id, workspace_id, url, events, enabled, version, created_by, created_at, updated_at
from webhooks
where workspace_id = @workspaceId and (@after::uuid is null or id > @after)
order by id
limit @take
