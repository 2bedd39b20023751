-- Turns notification mail off for the user whose mail carried the token; returns the user, or nothing for an unknown token.
with target as (
    select t.user_id from mail_unsubscribe_tokens t where t.token_hash = @TokenHash
)
insert into notification_preferences (user_id, mail, updated_at)
select target.user_id, 'off', @Now from target
on conflict (user_id) do update set mail = 'off', updated_at = excluded.updated_at
returning user_id
