-- Custom fields (issue 17): typed fields a workspace defines for its tasks, and each task's values.
--
-- A value is kept once as the API shows it (value) and once in the column its type compares and sorts by, so filters
-- and sorts are index ranges per (project, field): txt for text and date (YYYY-MM-DD sorts as dates do), num for
-- number and checkbox (0/1), ref for a single-select option or a user, refs for multi-select options. A field has one
-- type, so exactly one of those columns is set on each of its rows.

create table custom_fields (
    id            uuid primary key,
    workspace_id  uuid not null references workspaces (id) on delete cascade,
    name          text not null,
    type          text not null check (type in ('text', 'number', 'date', 'single_select', 'multi_select', 'user', 'checkbox')),
    -- [{"id": uuid, "name": text}] for the select types, [] for the others.
    options       jsonb not null default '[]',
    position      double precision not null,
    version       integer not null,
    created_by    uuid not null references users (id),
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create unique index custom_fields_name on custom_fields (workspace_id, lower(name));
create index custom_fields_order on custom_fields (workspace_id, position, id);

create table task_field_values (
    task_id     uuid not null references task_rows (id) on delete cascade,
    field_id    uuid not null references custom_fields (id) on delete cascade,
    -- The task's project (tasks never change project): the lists' indexes lead with it.
    project_id  uuid not null,
    value       jsonb not null,
    txt         text,
    num         numeric,
    ref         uuid,
    refs        uuid[],
    primary key (task_id, field_id),
    check (num_nulls(txt, num, ref, refs) = 3)
);
-- Sorts and filters walk these in order from (project, field); a task's own values come by the primary key.
create index task_field_values_txt on task_field_values (project_id, field_id, txt, task_id) where txt is not null;
create index task_field_values_num on task_field_values (project_id, field_id, num, task_id) where num is not null;
create index task_field_values_ref on task_field_values (project_id, field_id, ref, task_id) where ref is not null;
create index task_field_values_refs on task_field_values using gin (refs) where refs is not null;
-- Deleting a field or an option finds its values without a project.
create index task_field_values_field on task_field_values (field_id);
