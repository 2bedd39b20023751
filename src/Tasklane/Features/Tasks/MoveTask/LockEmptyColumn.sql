-- Held until the transaction ends; two moves into the same empty column then see each other.
select pg_advisory_xact_lock(hashtextextended(@ProjectId::text || '/' || @Status, 0))
