-- Serialises uploads per workspace until the transaction ends, without locking the workspace row
-- (which renames update). A statement of its own: the usage query that follows must take its
-- snapshot after the lock is granted, so it sees what the previous holder committed.
select pg_advisory_xact_lock(hashtextextended('attachments:' || @workspaceId::text, 0))
