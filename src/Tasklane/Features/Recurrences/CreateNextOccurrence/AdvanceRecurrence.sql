-- The series moves on: to its new current task (or the same one, when an occurrence was skipped) at the next version.
update task_recurrences
set task_id = @TaskId, next_at = @NextAt, version = @Version, updated_at = @UpdatedAt
where id = @Id
