-- Pending only: not accepted and not expired.
select id as invitation_id, workspace_id, email, role, invited_by, created_at, expires_at
from invitations
where workspace_id = @WorkspaceId and accepted_at is null and expires_at > @now
  and (@after::uuid is null or id > @after)
order by id
limit @take
