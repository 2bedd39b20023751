-- Ranked full-text hits among one workspace's tasks (title, description) and comments (body), ranked among the
-- @candidates newest matches only (SearchWorkspaceHandler.Candidates), so that a term found everywhere costs a
-- bounded amount of work instead of ranking every match.
-- For each source the planner picks from the term's frequency (the tsvector statistics; the query text is bound
-- on every execution): a common term walks the workspace's rows newest first, testing each, and stops at
-- @candidates matches; a rare one reads its few matches from the GIN index and keeps the newest. The workspace is
-- matched as a one-element array and leads the order, so that walk can only use the (workspace_id, id) index,
-- never the primary key's, which would also read every newer row of other workspaces.
-- Keyset on (rank desc, id): a page starts after the cursor's (rank, id). Highlights are computed for the page's
-- rows only (ts_headline is the expensive part), on HTML-escaped text so the only markup in them is <mark>.
-- Tasks and comments of deleted projects (@hidden) are not found.
with candidates as (
    (select 'task' as type, t.id, t.id as task_id, t.project_id, t.title,
            t.title || coalesce(E'\n' || t.description, '') as document,
            ts_rank(t.search, websearch_to_tsquery('english', @q)) as rank
     from tasks t
     where t.workspace_id = any (array[@WorkspaceId])
       and t.search @@ websearch_to_tsquery('english', @q)
       and t.project_id <> all (@hidden)
     order by t.workspace_id desc, t.id desc
     limit @candidates)
    union all
    (select 'comment', c.id, c.task_id, t.project_id, t.title, c.body, ts_rank(c.search, websearch_to_tsquery('english', @q))
     from comments c
     join tasks t on t.id = c.task_id
     where c.workspace_id = any (array[@WorkspaceId])
       and c.search @@ websearch_to_tsquery('english', @q)
       and t.project_id <> all (@hidden)
     order by c.workspace_id desc, c.id desc
     limit @candidates)
    order by id desc
    limit @candidates
),
page as (
    select * from candidates
    where @afterRank::real is null or rank < @afterRank::real or (rank = @afterRank::real and id > @afterId)
    order by rank desc, id
    limit @take
)
select page.type, page.id, page.task_id, page.project_id, page.title,
       ts_headline('english',
                   replace(replace(replace(page.document, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                   websearch_to_tsquery('english', @q),
                   'StartSel=<mark>, StopSel=</mark>') as highlight,
       page.rank
from page
order by page.rank desc, page.id
