select u.id, u.password_hash,
    exists (select 1 from two_factor f where f.user_id = u.id and f.enabled_at is not null) as two_factor
from users u
where u.email_normalized = @EmailNormalized
