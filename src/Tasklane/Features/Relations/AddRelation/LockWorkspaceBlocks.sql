-- One "blocks" change at a time per workspace: the cycle check below reads the relations as they are, so two requests
-- that would close a cycle together (A blocks B, B blocks A) must not both pass it.
select pg_advisory_xact_lock(hashtextextended('blocks:' || @WorkspaceId::text, 0))
