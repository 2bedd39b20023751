select secret, enabled_at is not null as enabled from two_factor where user_id = @UserId
