-- One batch of mailed tokens (password reset, email verification) that expired before @cutoff, used or not.
delete from user_tokens
where token_hash in (
    select t.token_hash
    from user_tokens t
    where t.expires_at < @cutoff
    order by t.expires_at
    limit @batch
    for update skip locked)
