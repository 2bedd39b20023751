-- Tasks assigned to someone the import invited wait for their invitation to be accepted (AssignImportedTasks).
insert into invitation_assignments (invitation_id, task_id)
select * from unnest(@InvitationIds::uuid[], @TaskIds::uuid[])
on conflict do nothing
