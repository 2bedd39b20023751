-- The assignees; a task nobody is assigned to reminds its creator.
select a.user_id from task_assignees a where a.task_id = @TaskId
union
select t.created_by from tasks t
where t.id = @TaskId and not exists (select 1 from task_assignees a where a.task_id = @TaskId)
