-- A verification token for the caller, unless their address is verified already (nothing is inserted then).
insert into user_tokens (token_hash, user_id, purpose, created_at, expires_at)
select @TokenHash, id, 'email_verification', @Now, @ExpiresAt
from users
where id = @UserId and email_verified_at is null
returning user_id
