-- Saved views (issue 17): a named task list of a project (the query string of GET /projects/{id}/tasks, without the
-- page) with a layout, kept for its owner or shared with everyone who can read the project.
create table saved_views (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    project_id   uuid not null references projects (id) on delete cascade,
    owner_id     uuid not null references users (id) on delete cascade,
    name         text not null,
    query        text not null,
    layout       text not null check (layout in ('list', 'board')),
    shared       boolean not null,
    version      integer not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- Keyset pages of a project's views.
create index saved_views_project on saved_views (project_id, id);
