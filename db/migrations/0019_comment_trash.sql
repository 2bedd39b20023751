-- Deleted comments go to the trash like tasks (0018_trash.sql): restorable for 30 days, then purged by the worker. They
-- stay in comment_rows; the comments view shows the live ones only, so lists, feeds, search and access checks leave the
-- trash out without a condition of their own. A column added to comment_rows later must be added to the view too.
alter table comments rename to comment_rows;
alter index comments_pkey rename to comment_rows_pkey;
alter table comment_rows
    add column deleted_at timestamptz,
    add column deleted_by uuid references users (id) on delete set null;

-- "*" is expanded now: the view has comment_rows' columns as they are today.
create view comments as select * from comment_rows where deleted_at is null;

-- The trash of a workspace, newest first; the purge, oldest first.
create index comment_rows_trash on comment_rows (workspace_id, deleted_at desc, id) where deleted_at is not null;
create index comment_rows_deleted on comment_rows (deleted_at) where deleted_at is not null;
