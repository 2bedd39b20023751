-- "relates_to" has no direction: stored once, from the lower id (in the database's uuid order). Nothing is inserted when
-- the same relation already exists (the unique pair index): the endpoint answers 409.
insert into task_relations (id, workspace_id, kind, from_task_id, to_task_id, created_by, created_at)
values (
    @Id, @WorkspaceId, @Kind,
    case when @Kind = 'relates_to' then least(@FromTaskId, @ToTaskId) else @FromTaskId end,
    case when @Kind = 'relates_to' then greatest(@FromTaskId, @ToTaskId) else @ToTaskId end,
    @CreatedBy, @CreatedAt
)
on conflict (from_task_id, to_task_id, kind) do nothing
