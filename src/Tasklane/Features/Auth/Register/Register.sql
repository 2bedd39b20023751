insert into users (id, email, email_normalized, display_name, password_hash, created_at)
values (@Id, @Email, @EmailNormalized, @DisplayName, @PasswordHash, @CreatedAt)
on conflict (email_normalized) do nothing
