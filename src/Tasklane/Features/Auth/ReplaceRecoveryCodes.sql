delete from two_factor_recovery_codes where user_id = @UserId;
insert into two_factor_recovery_codes (user_id, code_hash) select @UserId, unnest(@CodeHashes::text[]);
