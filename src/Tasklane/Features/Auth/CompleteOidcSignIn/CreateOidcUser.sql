-- Nothing when a concurrent sign-in or registration took the address first: the caller then finds that account.
insert into users (id, email, email_normalized, display_name, password_hash, created_at, email_verified_at)
values (@Id, @Email, @EmailNormalized, @DisplayName, @PasswordHash, @Now, @Now)
on conflict (email_normalized) do nothing
returning id
