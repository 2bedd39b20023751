select version, parent_id from tasks where id = @taskId for update
