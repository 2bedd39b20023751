-- Whether the task is the current one of a series: the condition on which a completion is queued for this handler at all
-- (CreateNextOccurrenceHandler.WrittenWhen), checked by the completing transaction.
exists (select 1 from task_recurrences where task_id = @taskId)
