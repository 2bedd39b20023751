-- Takes a TOTP code's time step: only a step later than the last one taken, so a code is never accepted twice.
update two_factor
set last_used_step = @Step
where user_id = @UserId and enabled_at is not null and (last_used_step is null or last_used_step < @Step)
