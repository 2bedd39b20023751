-- The task's due date: a new series starts from it when it is still ahead.
select due_at from tasks where id = @TaskId
