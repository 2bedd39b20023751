-- The two tasks, if both are live in the workspace (not in the trash, their projects not deleted); a share lock keeps
-- them out of the trash until the relation is committed.
select t.id, t.project_id, t.title, t.status
from tasks t
join projects p on p.id = t.project_id and p.deleted_at is null
where t.id in (@TaskId, @OtherTaskId) and t.workspace_id = @WorkspaceId
for share of t
