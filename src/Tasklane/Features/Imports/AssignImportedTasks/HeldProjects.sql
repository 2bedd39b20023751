-- The projects whose tasks wait for this invitation.
select distinct t.project_id
from invitation_assignments h
join task_rows t on t.id = h.task_id
where h.invitation_id = @InvitationId
