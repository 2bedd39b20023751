-- Per-project statuses (issue 17): each project's board columns are rows with a name, a colour, an order, a category
-- (todo / in_progress / done, which reminders, "done", progress and the status filters keep reading from tasks.status)
-- and an optional WIP limit. A task's column is status_id; tasks.status stays its status's category.
--
-- Two triggers keep that true for every writer (the API, imports, recurrences, seeds): a new project gets the three
-- default statuses, and a task written with only a category gets the project's first status of that category, while a
-- task given a status gets its category. A project always keeps at least one status per category (StatusRules), so a
-- category always names a column.

-- UUIDv7 (time-ordered, like Guid.CreateVersion7) for rows the database makes itself.
create function uuid_v7() returns uuid language sql volatile as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6),
        52, 1), 53, 1), 'hex')::uuid
$$;

create table project_statuses (
    id          uuid primary key,
    project_id  uuid not null references projects (id) on delete cascade,
    name        text not null,
    color       text not null,
    category    text not null check (category in ('todo', 'in_progress', 'done')),
    position    double precision not null,
    wip_limit   integer check (wip_limit > 0),
    version     integer not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (project_id, id)
);
create unique index project_statuses_name on project_statuses (project_id, lower(name));
create index project_statuses_order on project_statuses (project_id, position, id);

create function add_default_statuses() returns trigger language plpgsql as $$
begin
    insert into project_statuses (id, project_id, name, color, category, position, version, created_at, updated_at)
    values (uuid_v7(), new.id, 'To do', '#64748b', 'todo', 1024, 1, new.created_at, new.created_at),
           (uuid_v7(), new.id, 'In progress', '#2563eb', 'in_progress', 2048, 1, new.created_at, new.created_at),
           (uuid_v7(), new.id, 'Done', '#16a34a', 'done', 3072, 1, new.created_at, new.created_at);
    return new;
end
$$;
create trigger projects_default_statuses after insert on projects for each row execute function add_default_statuses();

insert into project_statuses (id, project_id, name, color, category, position, version, created_at, updated_at)
select uuid_v7(), p.id, d.name, d.color, d.category, d.position, 1, p.created_at, p.created_at
from projects p
cross join (values ('To do', '#64748b', 'todo', 1024),
                   ('In progress', '#2563eb', 'in_progress', 2048),
                   ('Done', '#16a34a', 'done', 3072)) d (name, color, category, position);

alter table task_rows add column status_id uuid;
update task_rows t set status_id = s.id from project_statuses s where s.project_id = t.project_id and s.category = t.status;
alter table task_rows
    alter column status_id set not null,
    -- Deleting a status moves its tasks first (DeleteStatus), so this never cascades.
    add constraint task_rows_status foreign key (project_id, status_id) references project_statuses (project_id, id);

create function task_rows_status() returns trigger language plpgsql as $$
begin
    if new.status_id is not null and (tg_op = 'INSERT' or new.status_id is distinct from old.status_id) then
        new.status := coalesce((select s.category from project_statuses s where s.id = new.status_id), new.status);
    elsif (tg_op = 'INSERT' or new.status is distinct from old.status)
          -- A status moved to another category takes its tasks along (UpdateStatus): they stay in their column.
          and not exists (select 1 from project_statuses s where s.id = new.status_id and s.category = new.status) then
        new.status_id := (select s.id from project_statuses s
                          where s.project_id = new.project_id and s.category = new.status
                          order by s.position, s.id limit 1);
    end if;
    return new;
end
$$;
create trigger task_rows_status before insert or update of status, status_id on task_rows
    for each row execute function task_rows_status();

-- A column of the board in order (moves, WIP counts, the status filter).
create index task_rows_status_column on task_rows (project_id, status_id, position, id) where deleted_at is null;

-- "*" was expanded when the view was made: make it again to take status_id.
create or replace view tasks as select * from task_rows where deleted_at is null;
