-- The people the import invites, as members: none for an address a member has, or one with an invitation pending already
-- (that one is kept, with its role), so a run that starts again finds them made. Returns the new ones, for their events.
insert into invitations (id, workspace_id, email, email_normalized, role, token_hash, invited_by, created_at, expires_at)
select i.id, @WorkspaceId, i.email, i.email_normalized, 'member', i.token_hash, @InvitedBy, @Now, @ExpiresAt
from unnest(@Ids::uuid[], @Emails::text[], @Normalized::text[], @TokenHashes::text[]) as i (id, email, email_normalized, token_hash)
where not exists (
    select 1
    from workspace_members m
    join users u on u.id = m.user_id
    where m.workspace_id = @WorkspaceId and u.email_normalized = i.email_normalized
) and not exists (
    select 1
    from invitations p
    where p.workspace_id = @WorkspaceId and p.email_normalized = i.email_normalized and p.accepted_at is null and p.expires_at > @Now
)
returning id, email
