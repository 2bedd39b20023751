-- The workspace's fields among @ids, for the values a task write sets. Shared lock: a field deleted or changed meanwhile
-- waits for this write, so a value never names a removed option or field.
select {columns}
from custom_fields
where workspace_id = @workspaceId and id = any (@ids)
for share
