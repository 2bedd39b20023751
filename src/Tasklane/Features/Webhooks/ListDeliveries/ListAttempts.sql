-- The newest @max attempts of each delivery, oldest first: a delivery redelivered again and again keeps its whole
-- history, but a page must stay bounded (DeliveryResponse.AttemptLogMax).
select delivery_id, number, attempted_at, duration_ms, status_code, response_body, error
from (select a.*, row_number() over (partition by a.delivery_id order by a.number desc) as newest
      from webhook_delivery_attempts a
      where a.delivery_id = any(@ids)) a
where a.newest <= @max
order by delivery_id, number
