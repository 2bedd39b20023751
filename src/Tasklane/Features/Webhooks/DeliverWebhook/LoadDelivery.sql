select d.id, d.event, d.payload, d.status, d.attempts, d.retry_base, w.url, w.secret, w.enabled
from webhook_deliveries d
join webhooks w on w.id = d.webhook_id
where d.id = @DeliveryId
