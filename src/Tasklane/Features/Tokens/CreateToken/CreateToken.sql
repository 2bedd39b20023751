insert into api_tokens (id, user_id, name, token_hash, created_at, expires_at, read_only, workspace_ids)
values (@Id, @UserId, @Name, @TokenHash, @CreatedAt, @ExpiresAt, @ReadOnly, @WorkspaceIds)
