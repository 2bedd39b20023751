-- Ends this attempt's claim: sent, skipped (nothing left to send), or pending again (failed; the retry claims it).
-- Only while the claim is still this attempt's: a takeover after a stall owns the row now.
update mail_deliveries
set status = @Status,
    claimed_at = case when @Status = 'pending' then null else claimed_at end,
    sent_at = case when @Status = 'sent' then @Now else sent_at end,
    last_error = @Error
where id = @MailId and status = 'sending' and claimed_at = @ClaimedAt
