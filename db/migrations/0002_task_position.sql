-- Kanban order within a status column. Sparse doubles: a move takes the midpoint of its neighbours,
-- so only the moved row changes; new tasks go to the end of their column.
alter table tasks add column position double precision;
update tasks t set position = o.n * 1024
from (select id, row_number() over (partition by project_id, status order by id) as n from tasks) o
where o.id = t.id;
alter table tasks alter column position set not null;
create index tasks_project_status_position on tasks (project_id, status, position, id);
