-- Held until the transaction ends. Bulk status changes and moves into an empty column queue here, so two
-- of them never compute the same positions. (Single appends avoid the lock: see CreateTask.sql.)
select pg_advisory_xact_lock(hashtextextended(@ProjectId::text || '/' || @StatusId::text, 0))
