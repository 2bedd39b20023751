-- Spends a mailed token: only once, only before it expires, only for its purpose. Returns its user.
update user_tokens
set used_at = @Now
where token_hash = @TokenHash and purpose = @Purpose and used_at is null and expires_at > @Now
returning user_id
