-- sort=createdAt: id order (UUIDv7 ids are in creation order), served by tasks_project (project_id, id).
-- The project is matched as a one-element array and leads the order on purpose. With "t.project_id = @ProjectId"
-- Postgres treats the project as a constant, drops it from the order, and may serve "order by id" from tasks_pkey
-- instead, filtering by project: it does for a project holding most of the table, and that walk first reads every
-- older task of every other project (4 ms behind 20k of them, growing with them; docs/benchmarks.md). An array
-- is no constant, so only an index that starts with project_id can deliver this order.
select {columns}
from tasks t
where t.project_id = any (array[@ProjectId])
{filters}
  and (@afterId::uuid is null or {key} {cmp} @afterId)
order by t.project_id {dir}, {key} {dir}
limit @take
