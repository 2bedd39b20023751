-- The user of a live API token, with the token's scope. last_used_at is refreshed at most once a minute, so a busy script
-- does not turn every request into a row update. @now is the application's clock (DbTime), as for every other timestamp.
with token as (
    select id, user_id, last_used_at, read_only, workspace_ids
    from api_tokens
    where token_hash = @hash and revoked_at is null and (expires_at is null or expires_at > @now)
), touched as (
    update api_tokens t set last_used_at = @now
    from token
    where t.id = token.id and (token.last_used_at is null or token.last_used_at < @now - interval '1 minute')
)
select user_id, read_only, workspace_ids from token
