-- Whoever knew the old password may have made API tokens or asked for other reset links: all end with the reset.
with tokens as (
    update api_tokens set revoked_at = @Now where user_id = @UserId and revoked_at is null
)
update user_tokens
set used_at = @Now
where user_id = @UserId and purpose = 'password_reset' and used_at is null
