select id
from webhooks
where workspace_id = @WorkspaceId and enabled and events && array[@name, '*']
order by id
