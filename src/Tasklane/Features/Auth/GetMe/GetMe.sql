select u.id, u.email, u.display_name, u.created_at, u.email_verified_at is not null as email_verified,
    exists (select 1 from two_factor f where f.user_id = u.id and f.enabled_at is not null) as two_factor_enabled
from users u
where u.id = @id
