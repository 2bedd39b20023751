select delivery_id, number, attempted_at, duration_ms, status_code, response_body, error
from webhook_delivery_attempts
where delivery_id = any(@ids)
order by delivery_id, number
