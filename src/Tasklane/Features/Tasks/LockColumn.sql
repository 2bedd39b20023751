-- Held until the transaction ends. Everything that appends to a status column (create, a status change,
-- bulk, a move into an empty column) queues here first, so two appends never compute the same position.
select pg_advisory_xact_lock(hashtextextended(@ProjectId::text || '/' || @Status, 0))
