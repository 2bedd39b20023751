-- The next changes of one workspace after @after that the caller may see, up to @until and never past the visible end
-- (ChangesAfter.sql says why). Also returns what a reader needs to know whether @after can be resumed from: the highest
-- position retention deleted, and the first position no committed change can have (a cursor beyond it is from another
-- database, e.g. one restored from a backup).
select v.visible_end, v.purged_through, v.future_from,
       c.position, c.workspace_id, c.type, c.event_id, c.actor_id, c.occurred_at, c.user_id, c.min_role, c.data::text as data
from (
    select change_log_visible_end() as visible_end, h.purged_through,
           change_log_future_start() as future_from
    from change_log_horizon h) v
left join lateral (
    select *
    from changes c
    where c.workspace_id = @workspaceId
      and c.position > @after and c.position <= @until and c.position < v.visible_end
      and (c.user_id is null or c.user_id = @userId)
      and (c.min_role is null or c.min_role <= @role)
    order by c.position
    limit @take) c on true
order by c.position
