-- The task if the caller may see it, with their role, in one round trip: the joins of Access (a member of the task's
-- workspace, its project not deleted) and the task itself.
select m.role, p.archived_at is not null as project_archived,
       {columns}
from tasks t
join projects p on p.id = t.project_id and p.deleted_at is null
join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = @userId
where t.id = @taskId
