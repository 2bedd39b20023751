-- A deleted comment's text leaves the change log with it, in the deleting transaction, as it leaves every feed
-- (the log keeps the changes, not what was said).
update changes
set data = data - 'body'
where workspace_id = $1
  and type in ('comment.added', 'comment.edited')
  and data ->> 'commentId' = $2::text
  and data ? 'body'
