-- Its tasks are gone by now (TrashPurge); what else hangs on the project goes with it (foreign keys, on delete cascade).
delete from projects where id = @projectId and deleted_at < @cutoff
