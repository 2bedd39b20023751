-- The notification's place in a mail, once per (user, cause, kind): a redelivered cause inserts nothing.
insert into notification_mails (user_id, source_id, kind, mail_id, created_at)
values (@UserId, @SourceId, @Kind, @MailId, @Now)
on conflict (user_id, source_id, kind) do nothing
