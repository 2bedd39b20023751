-- The workspace's deleted projects, whose tasks and comments search does not show. Read before the search and
-- passed to it as an array, so the planner sees the actual ids (usually none) and estimates the search from the
-- term alone; a join or sub-query here made it guess that few tasks survive and scan them all.
select p.id
from projects p
where p.workspace_id = @WorkspaceId
  and p.deleted_at is not null
