-- Inserts nothing (and leaves the invitation pending) when the caller is already a member.
with joined as (
    insert into workspace_members (workspace_id, user_id, role, joined_at)
    values (@WorkspaceId, @UserId, @Role, @JoinedAt)
    on conflict (workspace_id, user_id) do nothing
    returning workspace_id, user_id, role, joined_at
), used as (
    update invitations set accepted_at = @JoinedAt, accepted_by = @UserId
    where id = @InvitationId and exists (select 1 from joined)
)
select m.workspace_id, m.user_id, u.email, u.display_name, m.role, m.joined_at
from joined m
join users u on u.id = m.user_id
