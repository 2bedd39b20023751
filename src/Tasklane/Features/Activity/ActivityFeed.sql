-- One page of an activity feed; the placeholder after "where" is the feed's own predicate on a (its .sql file beside its endpoint).
-- Activity ids are the events' UUIDv7 ids: descending id is newest first.
-- An entry shows nothing its reader could not read at the source: the entries of a deleted project are hidden,
-- as the project is, and come back when it is restored. The deletion itself stays: it names nothing but the
-- project's id, which is what an admin needs to restore it.
select a.id, a.workspace_id, a.project_id, a.task_id, a.actor_id, u.display_name as actor_display_name, a.kind,
       a.data::text as data, a.occurred_at
from activity a
left join users u on u.id = a.actor_id
left join projects p on p.id = a.project_id
where {scope}
  and (@after::uuid is null or a.id < @after)
  and (p.deleted_at is null or a.kind = 'project.deleted')
order by a.id desc
limit @take
