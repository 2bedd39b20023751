select count(*)::int from task_rows where project_id = @ProjectId and status_id = @StatusId
