-- sort=dueAt: tasks with a due date in key order, then those without (nulls last in either direction), each
-- part an index range on (project_id, due_at, id). The outer limit stops before the second part when the first
-- fills the page. A cursor inside the undated part (@inUndated) skips the first part.
(select {columns}
 from tasks t
 where t.project_id = @ProjectId
   and t.due_at is not null and not @inUndated
 {filters}
   and (@afterId::uuid is null or (t.due_at, t.id) {cmp} (@afterKey, @afterId))
 order by t.due_at {dir}, t.id {dir}
 limit @take)
union all
(select {columns}
 from tasks t
 where t.project_id = @ProjectId
   and t.due_at is null
 {filters}
   and (@afterId::uuid is null or not @inUndated or t.id {cmp} @afterId)
 -- due_at is constant here; ordering by it too lets the same index deliver the rows in order.
 order by t.due_at {dir}, t.id {dir}
 limit @take)
limit @take
