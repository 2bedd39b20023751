select count(*)::int from task_relations where from_task_id = @TaskId or to_task_id = @TaskId
