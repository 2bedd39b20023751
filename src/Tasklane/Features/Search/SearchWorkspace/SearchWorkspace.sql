-- Ranked full-text hits among one workspace's tasks (title, description) and comments (body).
-- Keyset on (rank desc, id): a page starts after the cursor's (rank, id). Highlights are computed
-- for the page's rows only (ts_headline is the expensive part), on HTML-escaped text so the only
-- markup in them is <mark>. Deleted projects' tasks and comments are not found.
with query as (select websearch_to_tsquery('english', @q) as q),
hits as (
    select 'task' as type, t.id, t.id as task_id, t.project_id, t.title,
           t.title || coalesce(E'\n' || t.description, '') as document,
           ts_rank(t.search, query.q) as rank
    from tasks t
    join projects p on p.id = t.project_id and p.deleted_at is null, query
    where t.workspace_id = @WorkspaceId and t.search @@ query.q
    union all
    select 'comment', c.id, c.task_id, t.project_id, t.title, c.body, ts_rank(c.search, query.q)
    from comments c
    join tasks t on t.id = c.task_id
    join projects p on p.id = t.project_id and p.deleted_at is null, query
    where c.workspace_id = @WorkspaceId and c.search @@ query.q
),
page as (
    select * from hits
    where @afterRank::real is null or rank < @afterRank::real or (rank = @afterRank::real and id > @afterId)
    order by rank desc, id
    limit @take
)
select page.type, page.id, page.task_id, page.project_id, page.title,
       ts_headline('english',
                   replace(replace(replace(page.document, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                   query.q,
                   'StartSel=<mark>, StopSel=</mark>') as highlight,
       page.rank
from page, query
order by page.rank desc, page.id
