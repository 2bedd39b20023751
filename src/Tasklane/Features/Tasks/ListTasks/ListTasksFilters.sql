  and (@status::text is null or t.status = @status)
  and (@statuses::text[] is null or t.status = any (@statuses))
  and (@statusId::uuid is null or t.status_id = @statusId)
  and (@priorities::text[] is null or t.priority = any (@priorities))
{assignee}{label}{field}  and (@dueBefore::timestamptz is null or t.due_at < @dueBefore)
  and (@dueAfter::timestamptz is null or t.due_at >= @dueAfter)
  and (@q::text is null or t.title ilike @q)
  and (@parentId::uuid is null or t.parent_id = @parentId)
  and (@blocked::boolean is null or @blocked = exists (
        select 1 from task_relations r
        join tasks b on b.id = r.from_task_id
        join projects bp on bp.id = b.project_id and bp.deleted_at is null
        where r.to_task_id = t.id and r.kind = 'blocks'))
  and (@hasOpenBlockers::boolean is null or @hasOpenBlockers = exists (
        select 1 from task_relations r
        join tasks b on b.id = r.from_task_id
        join projects bp on bp.id = b.project_id and bp.deleted_at is null
        where r.to_task_id = t.id and r.kind = 'blocks' and b.status <> 'done'))
