-- A new retry cycle for the same delivery id: its next attempt is numbered after the ones already made.
update webhook_deliveries
set status = 'pending', retry_base = attempts, next_attempt_at = @now, updated_at = @now
where id = @deliveryId and webhook_id = @webhookId
returning id, webhook_id, event_id, event, status, attempts, next_attempt_at, created_at, updated_at, delivered_at
