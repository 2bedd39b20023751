select {columns}
from custom_fields
where id = @fieldId and workspace_id = @workspaceId
for update
