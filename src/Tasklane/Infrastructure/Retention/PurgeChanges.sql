-- One batch of the change log older than @cutoff, oldest position first. The highest position deleted is recorded in the
-- same statement: a reader whose cursor is below it may have missed a change and is told to resync
-- (Features/Changes/WorkspaceChangesAfter.sql). Concurrent purges update the one horizon row in turn, each only upwards.
with batch as materialized (
    select position
    from changes
    where occurred_at < @cutoff
    order by position
    limit @batch
    for update skip locked),
newest as (select position from batch order by position desc limit 1),
horizon as (
    update change_log_horizon
    set purged_through = (select position from newest)
    where (select position from newest) > purged_through)
delete from changes
where position in (select position from batch)
