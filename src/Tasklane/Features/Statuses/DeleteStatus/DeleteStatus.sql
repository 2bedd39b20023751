-- Refused by the foreign key from task_rows while a task is still in the status (DeleteStatus moves them first).
delete from project_statuses where id = @StatusId and project_id = @ProjectId
