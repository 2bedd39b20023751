-- One batch of a project's tasks waiting for this invitation, locked, with their assignees (sorted). Trashed tasks are
-- left out: their rows are dropped at the end (DropHeld).
select t.id, t.version, array(select a.user_id from task_assignees a where a.task_id = t.id order by a.user_id) as assignee_ids
from invitation_assignments h
join tasks t on t.id = h.task_id
where h.invitation_id = @InvitationId and t.project_id = @ProjectId
order by t.id
limit @Limit
for update of t
