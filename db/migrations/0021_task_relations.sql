-- Relations between two tasks of one workspace. "blocks" and "duplicates" have a direction (from blocks to); "relates_to"
-- has none and is stored once, from the lower id. Rows stay while a task is in the trash (a restore brings its relations
-- back, and the cycle check still sees them) and go with the task's row when it is purged.
create table task_relations (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    kind text not null check (kind in ('blocks', 'relates_to', 'duplicates')),
    from_task_id uuid not null references task_rows (id) on delete cascade,
    to_task_id uuid not null references task_rows (id) on delete cascade,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    check (from_task_id <> to_task_id),
    check (kind <> 'relates_to' or from_task_id < to_task_id)
);

create unique index task_relations_pair on task_relations (from_task_id, to_task_id, kind);
-- The other direction: a task's relations where it is the target, and the cycle walk's "who blocks this".
create index task_relations_to on task_relations (to_task_id, kind);
