update invitations set token_hash = @TokenHash, expires_at = @ExpiresAt where id = @InvitationId
