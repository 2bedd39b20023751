-- One batch of tasks, without their parents (linked when the import finishes, once every parent exists).
-- A task's status name (a Trello list, a CSV status) is its column: the project's status of that name (ignoring case), made
-- at the end of the board with the task's category when the project has none yet and room for it; failing that, the trigger
-- of 0026_project_statuses.sql takes the first status of the task's category.
with named as (
    select distinct on (lower(n.name)) n.name, n.category
    from unnest(@StatusNames::text[], @Statuses::text[]) as n (name, category)
    where n.name is not null
      and not exists (select 1 from project_statuses s where s.project_id = @ProjectId and lower(s.name) = lower(n.name))
    order by lower(n.name)
), made as (
    insert into project_statuses (id, project_id, name, color, category, position, wip_limit, version, created_at, updated_at)
    select uuid_v7(), @ProjectId, n.name, '#64748b', n.category,
           (select coalesce(max(position), 0) from project_statuses where project_id = @ProjectId) + 1024 * row_number() over (order by n.name),
           null, 1, @Now, @Now
    from named n
    order by n.name
    limit greatest(0, @MaxStatuses - (select count(*) from project_statuses where project_id = @ProjectId))
    returning id, name
)
insert into tasks (id, workspace_id, project_id, title, description, status, status_id, priority, start_at, due_at, estimate,
                   assignee_id, position, version, created_by, created_at, updated_at)
select t.id, @WorkspaceId, @ProjectId, t.title, t.description, t.status,
       coalesce((select m.id from made m where lower(m.name) = lower(t.status_name)),
                (select s.id from project_statuses s where s.project_id = @ProjectId and lower(s.name) = lower(t.status_name))),
       t.priority, t.start_at, t.due_at, t.estimate, t.assignee_id, t.position, 1, @CreatedBy, t.created_at, t.updated_at
from unnest(@Ids::uuid[], @Titles::text[], @Descriptions::text[], @Statuses::text[], @StatusNames::text[], @Priorities::text[],
            @StartAts::timestamptz[], @DueAts::timestamptz[], @Estimates::integer[], @AssigneeIds::uuid[], @Positions::double precision[],
            @CreatedAts::timestamptz[], @UpdatedAts::timestamptz[])
     as t (id, title, description, status, status_name, priority, start_at, due_at, estimate, assignee_id, position, created_at,
           updated_at)
