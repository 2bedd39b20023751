-- The next changes of every workspace after @after, for one host's fan-out. Never past the visible end: below it no
-- transaction is running, so no row can appear there later. The visible end comes back even when there is no change.
select v.visible_end, c.position, c.workspace_id, c.type, c.event_id, c.actor_id, c.occurred_at, c.user_id, c.min_role,
       c.data::text as data
from (select change_log_visible_end() as visible_end) v
left join lateral (
    select *
    from changes
    where position > @after and position < v.visible_end
    order by position
    limit @take) c on true
order by c.position
