-- The mail's delivery row (pending: the sender claims it) and the hash of its unsubscribe token.
with mail as (
    insert into mail_deliveries (id, kind, status, attempts, created_at)
    values (@MailId, @Kind, 'pending', 0, @Now)
    returning id
)
insert into mail_unsubscribe_tokens (token_hash, user_id, mail_id)
select @TokenHash, @UserId, mail.id from mail
