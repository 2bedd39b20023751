select {columns}
from custom_fields
where workspace_id = @workspaceId
order by position, id
