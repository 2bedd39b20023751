-- Of the candidates, the current members of the workspace, except the actor.
select m.user_id
from workspace_members m
where m.workspace_id = @WorkspaceId and m.user_id = any (@ids) and m.user_id is distinct from @ActorId
order by m.user_id
