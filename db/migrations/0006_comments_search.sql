-- Comments on tasks with their @mentions, full-text search over tasks and comments,
-- and the indexes for the project- and task-level activity feeds.

create table comments (
    id           uuid primary key,
    -- Denormalised from the task so search and access filter by workspace without a join.
    workspace_id uuid not null references workspaces (id) on delete cascade,
    task_id      uuid not null references tasks (id) on delete cascade,
    author_id    uuid not null references users (id),
    body         text not null,
    version      integer not null default 1,
    created_at   timestamptz not null,
    edited_at    timestamptz,
    search       tsvector generated always as (to_tsvector('english', body)) stored
);
-- Keyset pages of a task's comments, oldest first.
create index comments_task on comments (task_id, id);
-- Search picks between these: the GIN index for rare words, the workspace for small workspaces.
create index comments_search on comments using gin (search);
create index comments_workspace on comments (workspace_id);

-- Members mentioned as @email in a comment; a later notifier reads these.
create table comment_mentions (
    comment_id uuid not null references comments (id) on delete cascade,
    user_id    uuid not null references users (id) on delete cascade,
    primary key (comment_id, user_id)
);

-- Titles weigh more than descriptions in the ranking.
alter table tasks add column search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')
) stored;
create index tasks_search on tasks using gin (search);

create index activity_project on activity (project_id, id desc);
create index activity_task on activity (task_id, id desc);
