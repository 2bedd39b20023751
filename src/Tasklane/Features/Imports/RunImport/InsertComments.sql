insert into comments (id, workspace_id, task_id, author_id, body, version, created_at, edited_at)
select c.id, @WorkspaceId, c.task_id, c.author_id, c.body, 1, c.created_at, c.edited_at
from unnest(@Ids::uuid[], @TaskIds::uuid[], @AuthorIds::uuid[], @Bodies::text[], @CreatedAts::timestamptz[], @EditedAts::timestamptz[])
     as c (id, task_id, author_id, body, created_at, edited_at)
