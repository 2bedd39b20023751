select count(*) from tasks where project_id = @ProjectId
