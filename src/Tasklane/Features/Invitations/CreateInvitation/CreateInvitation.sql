-- Inserts nothing when someone with this email already belongs to the workspace.
insert into invitations (id, workspace_id, email, email_normalized, role, token_hash, invited_by, created_at, expires_at)
select @InvitationId, @WorkspaceId, @Email, @EmailNormalized, @Role, @TokenHash, @InvitedBy, @CreatedAt, @ExpiresAt
where not exists (
    select 1
    from workspace_members m
    join users u on u.id = m.user_id
    where m.workspace_id = @WorkspaceId and u.email_normalized = @EmailNormalized
)
