select {columns}
from tasks t
where t.id = @taskId
