-- The worker's retention purge (Infrastructure/Retention) deletes notifications read long ago, oldest read first;
-- unread ones are never purged, so this index holds only the read ones the purge looks for. Activity and webhook
-- deliveries need no index: their UUIDv7 primary keys are in creation order.
create index notifications_read on notifications (read_at) where read_at is not null;
