update webhook_deliveries
set status = @Status, attempts = greatest(attempts, @Number), next_attempt_at = @NextAttemptAt,
    delivered_at = case when @Status = 'delivered' then @AttemptedAt else delivered_at end, updated_at = @AttemptedAt
where id = @DeliveryId
