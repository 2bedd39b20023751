-- Labels per workspace; tasks gain several assignees, labels, start date, estimate and a parent (one level);
-- indexes for every sort the task list offers, so a page costs the same at 10k and at 1M tasks in a project.

create table labels (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    name         text not null,
    color        text not null check (color ~ '^#[0-9a-f]{6}$'),
    version      integer not null default 1,
    created_by   uuid not null references users (id),
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- Names are unique per workspace regardless of case ("Bug" and "bug" are the same label).
create unique index labels_workspace_name on labels (workspace_id, lower(name));
create index labels_workspace on labels (workspace_id, id);

alter table tasks
    add column start_at  timestamptz,
    add column estimate  integer check (estimate between 0 and 1000000), -- minutes
    -- One level only (checked by the API under row locks); a deleted parent leaves its sub-tasks top-level.
    add column parent_id uuid references tasks (id) on delete set null,
    -- The sort key of "sort=priority": urgent > high > normal > low.
    add column priority_rank smallint generated always as (
        case priority when 'low' then 0 when 'normal' then 1 when 'high' then 2 else 3 end) stored;

-- Assignees and labels of a task. tasks.assignee_id stays, kept equal to the first assignee (lowest id)
-- by the task slices, so code that only knows the single assignee still reads a true value.
create table task_assignees (
    task_id uuid not null references tasks (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    primary key (task_id, user_id)
);
create index task_assignees_user on task_assignees (user_id, task_id);
insert into task_assignees (task_id, user_id) select id, assignee_id from tasks where assignee_id is not null;

create table task_labels (
    task_id  uuid not null references tasks (id) on delete cascade,
    label_id uuid not null references labels (id) on delete cascade,
    primary key (task_id, label_id)
);
create index task_labels_label on task_labels (label_id, task_id);

-- Keyset order of each list sort: (project_id, key, id). Backward scans serve the descending orders;
-- "createdAt" uses tasks_project (project_id, id) because UUIDv7 ids are in creation order, and a single
-- status filter with sort=position uses tasks_project_status_position.
create index tasks_project_position on tasks (project_id, position, id);
create index tasks_project_due on tasks (project_id, due_at, id);
create index tasks_project_priority on tasks (project_id, priority_rank, id);
create index tasks_project_updated on tasks (project_id, updated_at, id);
-- Sub-tasks of a task, and "does this task have sub-tasks?".
create index tasks_parent on tasks (parent_id, id) where parent_id is not null;
