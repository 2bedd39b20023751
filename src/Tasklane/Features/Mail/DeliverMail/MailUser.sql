-- The user a reset or verification mail goes to, while the mailed token is still usable (unused, unexpired).
select u.email, u.display_name
from user_tokens t
join users u on u.id = t.user_id
where t.token_hash = @TokenHash and t.user_id = @SubjectId and t.purpose = @Kind and t.used_at is null and t.expires_at > @Now
