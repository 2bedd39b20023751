-- The series' current task, to copy; none when it is in the trash.
select {columns}
from tasks t
where t.id = @taskId
