-- The new password; the reset link came by mail, so the address is proven too.
update users
set password_hash = @PasswordHash, email_verified_at = coalesce(email_verified_at, @Now)
where id = @UserId
