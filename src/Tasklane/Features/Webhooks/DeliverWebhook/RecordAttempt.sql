-- Nothing when this attempt was already recorded (the message was delivered twice).
insert into webhook_delivery_attempts (delivery_id, number, attempted_at, duration_ms, status_code, response_body, error)
values (@DeliveryId, @Number, @AttemptedAt, @DurationMs, @StatusCode, @ResponseBody, @Error)
on conflict (delivery_id, number) do nothing
