-- Claims the mail for this attempt: a new mail, one released by a failed attempt, or one whose claim is older than
-- @StaleBefore (its worker died mid-send). Returns nothing when the mail is sent, skipped or claimed by a live attempt.
insert into mail_deliveries (id, kind, status, attempts, claimed_at, created_at)
values (@MailId, @Kind, 'sending', 1, @Now, @Now)
on conflict (id) do update
    set status = 'sending', attempts = mail_deliveries.attempts + 1, claimed_at = @Now
    where mail_deliveries.status = 'pending'
       or (mail_deliveries.status = 'sending' and mail_deliveries.claimed_at < @StaleBefore)
returning id
