insert into activity (id, workspace_id, project_id, task_id, actor_id, kind, data, occurred_at)
values (@id, @WorkspaceId, @projectId, @taskId, @ActorId, @kind, @data::jsonb, @OccurredAt)
on conflict (id) do nothing
