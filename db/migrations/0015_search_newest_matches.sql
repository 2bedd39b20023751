-- Search ranks only the newest matches (SearchWorkspace.sql): for a common term it walks a workspace's tasks and
-- comments newest first, which needs (workspace_id, id) on both; comments_workspace (workspace_id) is replaced.
create index tasks_workspace on tasks (workspace_id, id);
drop index comments_workspace;
create index comments_workspace on comments (workspace_id, id);

-- New entries of a GIN index wait in its pending list until it is merged (by vacuum, or by the insert that fills
-- it), and every search reads the whole list: at the default 4 MB a rare term cost ~40 ms at 1M tasks instead of
-- under one. 256 kB keeps that read to a few milliseconds, and each merge an insert pays to a sixteenth.
alter index tasks_search set (gin_pending_list_limit = 256);
alter index comments_search set (gin_pending_list_limit = 256);
select gin_clean_pending_list('tasks_search'::regclass);
select gin_clean_pending_list('comments_search'::regclass);
