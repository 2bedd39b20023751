select version from tasks where id = @taskId for update
