-- The ids among @ids that are not workspaces the user is a member of.
select id
from unnest(@ids::uuid[]) as i (id)
where not exists (select 1 from workspace_members m where m.workspace_id = i.id and m.user_id = @userId)
