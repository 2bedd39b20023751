-- At the end of the board. Inserts nothing when the project has its maximum of statuses.
insert into project_statuses (id, project_id, name, color, category, position, wip_limit, version, created_at, updated_at)
select @Id, @ProjectId, @Name, @Color, @Category, coalesce(max(position), 0) + 1024, @WipLimit, @Version, @CreatedAt, @UpdatedAt
from project_statuses
where project_id = @ProjectId
having count(*) < @Max
returning position
