-- A pending invitation of the workspace (expired or not), locked; an accepted one is history and has no row here.
select id as invitation_id, email, role
from invitations
where id = @InvitationId and workspace_id = @WorkspaceId and accepted_at is null
for update
