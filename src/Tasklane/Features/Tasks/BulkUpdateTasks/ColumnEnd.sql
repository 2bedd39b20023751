select coalesce(max(position), 0) from tasks where project_id = @ProjectId and status_id = @StatusId
