-- Imports into a workspace (issue 20): a job row the API creates and the worker runs, like exports (0011_exports.sql).
create table imports (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    requested_by uuid not null references users (id) on delete cascade,
    source       text not null check (source in ('tasklane', 'csv', 'jira', 'trello')),
    -- The uploaded file (workspaces/{workspace}/imports/{upload}), deleted by the worker once the job has ended.
    object_key   text not null,
    -- The request's mapping, skipBadRows and projectName, as sent.
    options      jsonb not null default '{}',
    dry_run      boolean not null,
    status       text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    -- Each (re)start of the job takes the next attempt number; only the newest attempt may write, so a job recovered
    -- from a dead worker never writes twice.
    attempt      integer not null default 0,
    -- The project the import creates, chosen with the job and created by the worker's first batch (no foreign key: it
    -- does not exist before). Null for a dry run, which creates nothing.
    project_id   uuid,
    -- The checkpoint: rows of the file handled (written, or skipped as bad), committed by the transaction that wrote them,
    -- so a restarted attempt goes on after the last committed row and every row is written exactly once.
    processed    bigint not null default 0,
    -- Rows in the file, counted by the validating pass.
    total        bigint,
    -- Tasks written so far (sub-tasks included), committed with them.
    created      bigint not null default 0,
    -- [{row, reason}], the first ImportSettings.MaxErrorsReported bad rows.
    errors       jsonb not null default '[]',
    -- What the import creates: counts, unmapped users/labels/statuses, warnings (dry runs and real runs alike).
    preview      jsonb,
    -- Why a failed import failed.
    error        text,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz
);
create index imports_workspace on imports (workspace_id, id desc);

-- Each written row's key in the file (an export's task id, a Jira issue id, a CSV row number) and the task made from it:
-- unique per import, so a row can never become two tasks, and the finishing step links sub-tasks to their parents by key.
-- Deleted when the import finishes.
create table import_items (
    import_id  uuid not null references imports (id) on delete cascade,
    source_key text not null,
    task_id    uuid not null,
    parent_key text,
    primary key (import_id, source_key)
);
-- "Does this row have sub-tasks in the file?" when parents are linked.
create index import_items_parent on import_items (import_id, parent_key) where parent_key is not null;
