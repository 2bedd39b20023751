-- One batch of one dead-letter table ({table}, from DeadLetterTables.sql): messages that failed before @cutoff
-- (failed_at; sent_at for rows written before Wolverine recorded it). One marked for replay is left to Wolverine,
-- which moves it back to the inbox within seconds. The table has no index on these columns: it holds only the
-- messages that failed every retry, so each batch reads it whole.
delete from {table}
where ctid = any (array(
    select d.ctid
    from {table} d
    where coalesce(d.failed_at, d.sent_at) < @cutoff
      and d.replayable is not true
    limit @batch
    for update skip locked))
