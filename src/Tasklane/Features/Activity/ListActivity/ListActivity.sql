-- Activity ids are the events' UUIDv7 ids: descending id is newest first.
select id, workspace_id, project_id, task_id, actor_id, kind, data::text as data, occurred_at
from activity
where workspace_id = @WorkspaceId and (@after::uuid is null or id < @after)
order by id desc
limit @take
