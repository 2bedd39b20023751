delete from task_recurrences where id = @RecurrenceId
