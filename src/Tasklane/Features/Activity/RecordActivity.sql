-- Entries of many events in one statement (ActivityWriter's group commit); the id is the event's, so a redelivered
-- event inserts nothing.
insert into activity (id, workspace_id, project_id, task_id, actor_id, kind, data, occurred_at)
select e.id, e.workspace_id, e.project_id, e.task_id, e.actor_id, e.kind, e.data::jsonb, e.occurred_at
from unnest(@Ids, @WorkspaceIds, @ProjectIds, @TaskIds, @ActorIds, @Kinds, @Data, @OccurredAts)
  as e (id, workspace_id, project_id, task_id, actor_id, kind, data, occurred_at)
on conflict (id) do nothing
