-- Activity ids are the events' UUIDv7 ids: descending id is newest first.
select a.id, a.workspace_id, a.project_id, a.task_id, a.actor_id, u.display_name as actor_display_name,
       a.kind, a.data::text as data, a.occurred_at
from activity a
left join users u on u.id = a.actor_id
where a.workspace_id = @WorkspaceId and (@after::uuid is null or a.id < @after)
order by a.id desc
limit @take
