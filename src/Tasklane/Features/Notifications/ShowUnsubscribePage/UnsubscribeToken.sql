-- Whether the token is one a notification mail carried (and its mail is still on record).
select exists (select 1 from mail_unsubscribe_tokens t where t.token_hash = @TokenHash)
