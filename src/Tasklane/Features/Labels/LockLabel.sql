select id, workspace_id, name, color, version, created_by, created_at, updated_at
from labels
where id = @labelId
for update
