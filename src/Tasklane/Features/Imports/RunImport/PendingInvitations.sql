-- The pending invitation of each invited address (the newest when there are several), which the import's tasks wait on.
select distinct on (email_normalized) email_normalized, id
from invitations
where workspace_id = @WorkspaceId and email_normalized = any (@Normalized) and accepted_at is null and expires_at > @Now
order by email_normalized, created_at desc
