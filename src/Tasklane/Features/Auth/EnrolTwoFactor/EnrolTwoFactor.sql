-- A new secret for the caller, unconfirmed; replaces an unconfirmed one, never an enabled one (no row then). Returns the
-- caller's email, the label the authenticator app shows.
with enrolled as (
    insert into two_factor (user_id, secret, created_at)
    values (@UserId, @Secret, @Now)
    on conflict (user_id) do update set secret = excluded.secret, created_at = excluded.created_at, last_used_step = null
    where two_factor.enabled_at is null
    returning user_id
)
select u.email from users u join enrolled e on e.user_id = u.id
