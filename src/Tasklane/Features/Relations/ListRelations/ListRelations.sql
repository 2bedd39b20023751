-- The task's relations in both directions, oldest first, each with the other task as it is now; relations to a task in
-- the trash or in a deleted project are left out (and come back with it).
select r.id, r.kind, r.from_task_id = @TaskId as leads, t.id as task_id, t.project_id, t.title, t.status, r.created_at
from task_relations r
join tasks t on t.id = case when r.from_task_id = @TaskId then r.to_task_id else r.from_task_id end
join projects p on p.id = t.project_id and p.deleted_at is null
where (r.from_task_id = @TaskId or r.to_task_id = @TaskId)
  and (@after::uuid is null or r.id > @after)
order by r.id
limit @take
