-- A recovery code works once: it is deleted as it is used, and only while two-factor authentication is enabled.
delete from two_factor_recovery_codes c
using two_factor f
where c.user_id = @UserId and c.code_hash = @CodeHash and f.user_id = c.user_id and f.enabled_at is not null
