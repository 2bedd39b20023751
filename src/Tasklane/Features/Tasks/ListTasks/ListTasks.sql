-- A keyset page in one sort order. The names in braces are filled in once at start-up
-- from ListTasksEndpoint's fixed table of sorts (never from input). Each (project_id, key, id) order has an
-- index, so the page starts with an index seek at the cursor whatever its depth.
-- The parameters are bound on every execution, so the planner drops the filters that are not set.
select {columns}
from tasks t
where t.project_id = @ProjectId
{filters}
  and (@afterId::uuid is null or ({key}, t.id) {cmp} (@afterKey, @afterId))
order by {key} {dir}, t.id {dir}
limit @take
