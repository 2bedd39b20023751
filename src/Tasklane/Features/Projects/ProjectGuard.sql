-- "for share" lets task writes run side by side but waits for (and blocks) an archive or delete of the project.
select case when deleted_at is not null then 'deleted' when archived_at is not null then 'archived' else 'active' end
from projects
where id = @projectId
for share
