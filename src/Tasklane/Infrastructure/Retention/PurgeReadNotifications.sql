-- One batch of notifications read before @cutoff, from the partial index notifications_read; unread ones stay.
delete from notifications
where id in (
    select n.id
    from notifications n
    where n.read_at < @cutoff
    order by n.read_at
    limit @batch
    for update skip locked)
