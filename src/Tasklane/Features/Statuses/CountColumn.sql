select count(*)::int from tasks where project_id = @ProjectId and status_id = @StatusId
