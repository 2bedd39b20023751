-- Locks a finished export whose retention ended; no row once expired (a redelivery has nothing to do).
select object_key from exports where id = @ExportId and status = 'succeeded' for update
