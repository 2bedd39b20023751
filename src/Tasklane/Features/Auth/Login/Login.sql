select id, password_hash from users where email_normalized = @EmailNormalized
