-- Present only when the filter is set: a plain EXISTS becomes a semi-join, so the planner can weigh walking the
-- sort index and probing task_assignees (common assignee) against collecting the assignee's tasks and sorting
-- (rare assignee). Wrapped in "@x is null or", it would be a hashed subplan reading all the user's assignments.
-- The id bound repeats the cursor on the join column when the sort key is the id (createdAt): Postgres does not
-- carry t.id > x over to a.task_id, and without it a deep page walks the assignee's earlier tasks.
  and exists (select 1 from task_assignees a where a.task_id = t.id and a.user_id = @assigneeId {idBound})
