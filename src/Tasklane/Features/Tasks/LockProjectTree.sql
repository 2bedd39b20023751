-- Serialises changes to a project's sub-task tree (a new sub-task, a new parent) until the transaction ends, so the depth
-- and cycle checks of two of them never both pass on what the other is about to change.
select pg_advisory_xact_lock(hashtextextended('tree:' || @ProjectId::text, 0))
