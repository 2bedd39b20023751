  and t.project_id = @ProjectId
  and (@status::text is null or t.status = @status)
  and (@statuses::text[] is null or t.status = any (@statuses))
  and (@priorities::text[] is null or t.priority = any (@priorities))
{assignee}{label}  and (@dueBefore::timestamptz is null or t.due_at < @dueBefore)
  and (@dueAfter::timestamptz is null or t.due_at >= @dueAfter)
  and (@q::text is null or t.title ilike @q)
  and (@parentId::uuid is null or t.parent_id = @parentId)
