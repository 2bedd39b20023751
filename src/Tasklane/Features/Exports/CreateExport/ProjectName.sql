-- Locks the project row against a concurrent delete while the export is recorded.
select name from projects where id = @ProjectId and deleted_at is null for share
