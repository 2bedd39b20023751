-- An accepted invitation is history, not revocable: only pending ones go.
delete from invitations
where id = @invitationId and workspace_id = @WorkspaceId and accepted_at is null
returning email, role
