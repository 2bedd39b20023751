-- A reset token for the account of this address, if there is one (nothing is inserted otherwise).
insert into user_tokens (token_hash, user_id, purpose, created_at, expires_at)
select @TokenHash, id, 'password_reset', @Now, @ExpiresAt
from users
where email_normalized = @EmailNormalized
returning user_id
