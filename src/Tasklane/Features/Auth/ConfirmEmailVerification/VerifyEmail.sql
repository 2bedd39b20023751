update users set email_verified_at = coalesce(email_verified_at, @Now) where id = @UserId
