-- One batch of mail deliveries queued before @cutoff, whatever their state: a mail's retries end within hours, so a
-- row this old is finished (sent, skipped, or given up and dead-lettered). Ids are UUIDv7 made when the mail was
-- queued, so the old rows lie in a range of the primary key, as in PurgeActivity.sql.
delete from mail_deliveries
where id in (
    select d.id
    from mail_deliveries d
    where d.id < @before and d.created_at < @cutoff
    order by d.id
    limit @batch
    for update skip locked)
