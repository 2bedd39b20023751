-- Nothing when this event already has a delivery for the webhook (a redelivered event), or the webhook is gone.
insert into webhook_deliveries (id, webhook_id, event_id, event, payload, status, attempts, retry_base, next_attempt_at, created_at, updated_at)
select @id, w.id, @eventId, @name, @payload, 'pending', 0, 0, @now, @now, @now
from webhooks w
where w.id = @webhookId
on conflict (webhook_id, event_id) do nothing
returning id
