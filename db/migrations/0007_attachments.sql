-- Files attached to tasks. The bytes live in the object store under object_key; clients upload and
-- download them with presigned URLs, so they never pass through the API.
create table attachments (
    id           uuid primary key,
    -- Denormalised from the task so access checks and the workspace quota need no join.
    workspace_id uuid not null references workspaces (id) on delete cascade,
    project_id   uuid not null references projects (id) on delete cascade,
    task_id      uuid not null references tasks (id) on delete cascade,
    object_key   text not null unique,
    file_name    text not null check (length(file_name) between 1 and 200),
    content_type text not null,
    -- Declared at upload; "complete" checks the stored object has exactly this size.
    size         bigint not null check (size >= 0),
    status       text not null check (status in ('pending', 'ready')),
    created_by   uuid not null references users (id),
    created_at   timestamptz not null,
    completed_at timestamptz,
    -- Soft delete: the worker removes the object; the row stays as a record of what existed.
    deleted_at   timestamptz
);
-- Keyset pages of a task's attachments.
create index attachments_task on attachments (task_id, id) where status = 'ready' and deleted_at is null;
-- The workspace quota sums the sizes of live (pending and ready) attachments.
create index attachments_workspace_live on attachments (workspace_id) include (size) where deleted_at is null;
