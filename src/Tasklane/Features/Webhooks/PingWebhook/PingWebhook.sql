-- The webhook is locked as the delivery's foreign key would lock it, but first: one deleted after the access check
-- inserts nothing (the endpoint answers 404) instead of failing the insert.
with hook as (
    select id from webhooks where id = @WebhookId for key share
)
insert into webhook_deliveries (id, webhook_id, event_id, event, payload, status, attempts, retry_base, next_attempt_at, created_at, updated_at)
select @Id, hook.id, @EventId, @Event, @payload, 'pending', 0, 0, @CreatedAt, @CreatedAt, @CreatedAt
from hook
