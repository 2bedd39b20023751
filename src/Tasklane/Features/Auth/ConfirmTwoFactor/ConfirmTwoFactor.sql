-- Enables the secret the code was checked against, unless it was replaced or confirmed meanwhile (no row then).
update two_factor
set enabled_at = @Now, last_used_step = @Step
where user_id = @UserId and enabled_at is null and secret = @Secret
