-- Locks the job for this transaction and says how far it got; no row: a newer attempt took the job over (or it ended),
-- and this one must stop. Every write of the import starts with this, so two attempts never write at once.
select processed from imports where id = @ImportId and attempt = @Attempt and status = 'running' for update
