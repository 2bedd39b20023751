-- One batch of activity entries older than @cutoff, oldest first. Activity ids are the events' UUIDv7 ids, so the
-- ids below @before (the first UUIDv7 of the cutoff's millisecond) are a range of the primary key that holds exactly
-- the old entries (occurred_at says the same and is checked too): no other index to keep. Rows another worker's
-- purge holds are skipped, not waited for: they are gone or left for the next run.
delete from activity
where id in (
    select a.id
    from activity a
    where a.id < @before
      and a.occurred_at < @cutoff
    order by a.id
    limit @batch
    for update skip locked)
