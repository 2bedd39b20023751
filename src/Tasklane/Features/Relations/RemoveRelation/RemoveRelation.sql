-- Only a relation of the task whose other task is visible (not in the trash, its project not deleted), as in the list.
delete from task_relations r
using tasks t, projects p
where r.id = @RelationId
  and (r.from_task_id = @TaskId or r.to_task_id = @TaskId)
  and t.id = case when r.from_task_id = @TaskId then r.to_task_id else r.from_task_id end
  and p.id = t.project_id and p.deleted_at is null
returning r.kind, r.from_task_id = @TaskId as leads, t.id as other_task_id
