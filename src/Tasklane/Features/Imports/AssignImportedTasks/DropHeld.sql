-- What is left for this invitation (or, with a project, for that project's tasks) will not be assigned: tasks in the
-- trash, or in a project that is archived or deleted.
delete from invitation_assignments h
where h.invitation_id = @InvitationId
  and (@ProjectId::uuid is null or exists (select 1 from task_rows t where t.id = h.task_id and t.project_id = @ProjectId))
