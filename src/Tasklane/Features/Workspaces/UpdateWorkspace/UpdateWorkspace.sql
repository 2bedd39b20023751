-- Sets the two-factor requirement; turning it on needs the caller's own two-factor authentication enabled (no row
-- otherwise). Returns the workspace as the caller sees it.
with updated as (
    update workspaces w
    set require_two_factor = coalesce(@RequireTwoFactor, w.require_two_factor)
    where w.id = @WorkspaceId
      and (coalesce(@RequireTwoFactor, false) = false
           or exists (select 1 from two_factor f where f.user_id = @UserId and f.enabled_at is not null))
    returning w.id, w.name, w.created_at, w.require_two_factor
)
select u.id, u.name, m.role, u.created_at, u.require_two_factor
from updated u
join workspace_members m on m.workspace_id = u.id and m.user_id = @UserId
