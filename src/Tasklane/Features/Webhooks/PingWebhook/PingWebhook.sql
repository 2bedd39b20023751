insert into webhook_deliveries (id, webhook_id, event_id, event, payload, status, attempts, retry_base, next_attempt_at, created_at, updated_at)
values (@Id, @WebhookId, @EventId, @Event, @payload, 'pending', 0, 0, @CreatedAt, @CreatedAt, @CreatedAt)
