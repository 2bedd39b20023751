-- The project's shared views and the caller's own, oldest first.
select {columns}
from saved_views v
where v.project_id = @ProjectId and (v.shared or v.owner_id = @UserId) and (@after is null or v.id > @after)
order by v.id
limit @take
