select u.id
from unnest(@ids::uuid[]) as u (id)
where not exists (select 1 from workspace_members m where m.workspace_id = @WorkspaceId and m.user_id = u.id)
order by u.id
