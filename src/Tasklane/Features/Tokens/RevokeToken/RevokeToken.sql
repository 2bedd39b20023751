update api_tokens set revoked_at = @now
where id = @tokenId and user_id = @userId and revoked_at is null
