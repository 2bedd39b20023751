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
where {scope}
  and (@after::uuid is null or a.id < @after)
  -- Not a join to projects filtered on deleted_at: entries without a project make that column null, and from the
  -- small projects table (rarely analyzed) the planner guessed that 1 entry in 500 passes and planned a parallel
  -- scan for a page of 50 (bench/retention.sh: p50 143 ms at 2M entries; 4 ms with this test, guessed as 1 in 2).
  and (a.kind = 'project.deleted'
       or not exists (select 1 from projects p where p.id = a.project_id and p.deleted_at is not null))
order by a.id desc
limit @take
