select id, email, display_name, created_at from users where id = @id
