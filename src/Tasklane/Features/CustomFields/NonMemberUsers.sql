-- The ids among @ids that are not members of the workspace.
select u.id
from unnest(@ids::uuid[]) as u (id)
where not exists (select 1 from workspace_members m where m.workspace_id = @workspaceId and m.user_id = u.id)
