select id, webhook_id, event_id, event, status, attempts, next_attempt_at, created_at, updated_at, delivered_at
from webhook_deliveries
where webhook_id = @webhookId and (@status::text is null or status = @status) and (@after::uuid is null or id < @after)
order by id desc
limit @take
