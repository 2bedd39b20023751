select u.id
from unnest(@ids::uuid[]) as u (id)
where not exists (select 1 from labels l where l.workspace_id = @WorkspaceId and l.id = u.id)
order by u.id
