-- Project lifecycle: a version for optimistic concurrency (ETag), archiving (read-only) and soft deletion
-- (restorable for 30 days; deleted projects and their tasks are invisible everywhere else).
alter table projects add column version integer not null default 1;
alter table projects add column archived_at timestamptz;
alter table projects add column deleted_at timestamptz;

-- The workspace's project list filters on both flags.
create index projects_workspace_live on projects (workspace_id, id) where deleted_at is null;
