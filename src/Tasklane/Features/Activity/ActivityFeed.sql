-- One page of an activity feed; the placeholder after "where" is the feed's own predicate on a (its .sql file beside its endpoint).
-- Activity ids are the events' UUIDv7 ids: descending id is newest first.
-- An entry shows nothing its reader could not read at the source:
-- * a comment's text and mentions are not stored in the entry but joined from the comment, as they are now,
--   so they leave the feed when the comment is deleted;
-- * the entries of a deleted project are hidden, as the project is, and come back when it is restored. The
--   deletion itself stays: it names nothing but the project's id, which is what an admin needs to restore it.
select a.id, a.workspace_id, a.project_id, a.task_id, a.actor_id, u.display_name as actor_display_name, a.kind,
       (case when c.id is null then a.data
             else a.data || jsonb_build_object(
                 'body', c.body,
                 'mentions', array(select m.user_id from comment_mentions m where m.comment_id = c.id order by m.user_id))
        end)::text as data,
       a.occurred_at
from activity a
left join users u on u.id = a.actor_id
left join comments c on a.kind in ('comment.added', 'comment.edited') and c.id = (a.data ->> 'commentId')::uuid
left join projects p on p.id = a.project_id
where {scope}
  and (@after::uuid is null or a.id < @after)
  and (p.deleted_at is null or a.kind = 'project.deleted')
order by a.id desc
limit @take
