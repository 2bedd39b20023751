select id, email, display_name, created_at, email_verified_at is not null as email_verified from users where id = @id
