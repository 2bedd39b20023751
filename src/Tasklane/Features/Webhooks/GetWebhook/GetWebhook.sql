select id, workspace_id, url, events, enabled, version, created_by, created_at, updated_at
from webhooks
where id = @webhookId
