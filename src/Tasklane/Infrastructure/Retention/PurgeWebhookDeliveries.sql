-- One batch of webhook deliveries last changed before @cutoff, with their attempts (on delete cascade). Pending
-- ones are still being retried (or were redelivered) and stay. Delivery ids are UUIDv7 and a delivery changes only
-- after it is created, so the old ones lie in a range of the primary key, as in PurgeActivity.sql.
delete from webhook_deliveries
where id in (
    select d.id
    from webhook_deliveries d
    where d.id < @before
      and d.updated_at < @cutoff
      and d.status <> 'pending'
    order by d.id
    limit @batch
    for update skip locked)
