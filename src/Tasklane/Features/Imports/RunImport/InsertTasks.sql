-- One batch of tasks, without their parents (linked when the import finishes, once every parent exists).
insert into tasks (id, workspace_id, project_id, title, description, status, priority, start_at, due_at, estimate,
                   assignee_id, position, version, created_by, created_at, updated_at)
select t.id, @WorkspaceId, @ProjectId, t.title, t.description, t.status, t.priority, t.start_at, t.due_at, t.estimate,
       t.assignee_id, t.position, 1, @CreatedBy, t.created_at, t.updated_at
from unnest(@Ids::uuid[], @Titles::text[], @Descriptions::text[], @Statuses::text[], @Priorities::text[], @StartAts::timestamptz[],
            @DueAts::timestamptz[], @Estimates::integer[], @AssigneeIds::uuid[], @Positions::double precision[], @CreatedAts::timestamptz[],
            @UpdatedAts::timestamptz[])
     as t (id, title, description, status, priority, start_at, due_at, estimate, assignee_id, position, created_at, updated_at)
