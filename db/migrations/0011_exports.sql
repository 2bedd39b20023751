-- Project exports: a job row the API creates and the worker runs (issue 6).
create table exports (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    project_id   uuid not null references projects (id) on delete cascade,
    format       text not null check (format in ('json', 'csv')),
    status       text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'expired')),
    -- 0..1, written by the worker as it streams; exact only once status is succeeded.
    progress     double precision not null default 0,
    -- Each (re)start of the job takes the next attempt number; only the newest attempt may write progress or finish,
    -- so a job recovered from a dead worker can never be finished twice.
    attempt      integer not null default 0,
    -- The multipart upload of the running attempt, aborted by the next attempt if this one died.
    upload_id    text,
    object_key   text not null unique,
    file_name    text not null,
    size         bigint,
    task_count   bigint,
    error        text,
    created_by   uuid not null references users (id) on delete cascade,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    expires_at   timestamptz
);
-- "Is this caller already exporting this project?" and the project's export list, newest first.
create index exports_project on exports (project_id, created_by, id desc);
