-- Everything the task's deletion took to the trash comes back; what was deleted on its own stays there. Returns the ids.
update task_rows
set deleted_at = null, deleted_by = null, trashed_with = null, version = version + 1
where trashed_with = @taskId and deleted_at is not null
returning id
