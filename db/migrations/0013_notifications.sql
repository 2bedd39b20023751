-- Per-user notifications. source_id is the id of what caused it (the domain event, or the reminder), so a
-- redelivered event finds its row already there instead of notifying twice.
create table notifications (
    id           uuid primary key,
    user_id      uuid not null references users (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    kind         text not null check (kind in ('assignment', 'mention', 'comment', 'reminder')),
    source_id    uuid not null,
    project_id   uuid references projects (id) on delete cascade,
    task_id      uuid references tasks (id) on delete cascade,
    comment_id   uuid,
    actor_id     uuid references users (id) on delete set null,
    title        text not null,
    excerpt      text,
    created_at   timestamptz not null,
    read_at      timestamptz,
    unique (user_id, source_id, kind)
);
-- "My notifications", newest first (ids are UUIDv7), and the unread subset with its count.
create index notifications_user on notifications (user_id, id desc);
create index notifications_user_unread on notifications (user_id, id desc) where read_at is null;

-- A due-date reminder that fired. One row per (task, due date): whichever scheduled message claims it first
-- notifies (its id is the message's id); every other delivery for the same due date does nothing.
create table task_reminders (
    id       uuid primary key,
    task_id  uuid not null references tasks (id) on delete cascade,
    due_at   timestamptz not null,
    fired_at timestamptz not null,
    unique (task_id, due_at)
);

-- Explicit follow (true) or unfollow (false) of a task; without a row, creator, assignees and commenters follow.
create table task_followers (
    task_id     uuid not null references tasks (id) on delete cascade,
    user_id     uuid not null references users (id) on delete cascade,
    following   boolean not null,
    changed_at  timestamptz not null,
    primary key (task_id, user_id)
);
