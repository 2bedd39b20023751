-- The labels that exist are locked as the link rows will lock them ("for key share"), but now, before the links are
-- written: a label deleted meanwhile is either missing here (reported) or waits to be deleted until this write
-- commits, and its delete then sees the new link, unlinks it and bumps the task's version.
with present as (
    select id from labels where workspace_id = @WorkspaceId and id = any (@ids) for key share
)
select u.id
from unnest(@ids::uuid[]) as u (id)
where u.id not in (select id from present)
order by u.id
