-- Trash: a deleted task can be restored for 30 days (Infrastructure/Retention/TrashRetention.cs), then the worker's retention
-- purge removes it with its comments, attachments (and their objects) and search entries.
--
-- Deleted tasks stay in task_rows; the tasks view shows the live ones only. Every statement that names tasks (access
-- checks, lists, search, exports, reminders, writes) so leaves the trash out without a condition of its own, and a
-- trashed task's comments and attachments, reached through their task, are hidden with it. Only the trash slices
-- (Features/Trash) and the purge name task_rows. The view is simple, so Postgres updates through it (insert ...
-- returning, update, "for update" locks) and inlines it into each query at no cost.
-- A column added to task_rows later must be added to the view too (create or replace view).
alter table tasks rename to task_rows;
alter index tasks_pkey rename to task_rows_pkey;
alter table task_rows
    add column deleted_at   timestamptz,
    add column deleted_by   uuid references users (id) on delete set null,
    -- The task whose deletion took this one to the trash: itself, or the ancestor that was deleted with its sub-tasks.
    add column trashed_with uuid;

-- "*" is expanded now: the view has task_rows' columns as they are today.
create view tasks as select * from task_rows where deleted_at is null;

-- The trash of a workspace, newest first; the purge, oldest first; a deletion's sub-tasks.
create index task_rows_trash on task_rows (workspace_id, deleted_at desc, id) where deleted_at is not null;
create index task_rows_deleted on task_rows (deleted_at) where deleted_at is not null;
create index task_rows_trashed_with on task_rows (trashed_with) where trashed_with is not null;
