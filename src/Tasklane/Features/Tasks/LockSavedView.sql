select {columns}
from saved_views v
where v.id = @ViewId
for update
