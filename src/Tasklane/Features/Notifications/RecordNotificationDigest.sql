-- The digest of the user's period: made by the first notification of the period (its mail id is @MailId), joined by
-- the others (the existing row's mail id). The no-op update locks the row, so concurrent notifications wait for one another.
insert into notification_digests (user_id, period_start, mail_id)
values (@UserId, @PeriodStart, @MailId)
on conflict (user_id, period_start) do update set period_start = excluded.period_start
returning mail_id
