delete from two_factor_recovery_codes where user_id = @UserId;
delete from two_factor where user_id = @UserId;
