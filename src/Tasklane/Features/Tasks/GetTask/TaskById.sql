-- The task alone, for the cache every caller shares: the caller's access was checked before, from the access facts,
-- so nothing about the caller may decide what is stored here.
select {columns}
from tasks t
where t.id = @taskId
