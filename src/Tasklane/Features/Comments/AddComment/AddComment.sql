-- Inserts nothing when the task is gone; returns the author's display name.
insert into comments (id, workspace_id, task_id, author_id, body, version, created_at, edited_at)
select @Id, t.workspace_id, t.id, @AuthorId, @Body, @Version, @CreatedAt, null
from tasks t
where t.id = @TaskId and t.workspace_id = @WorkspaceId
returning (select display_name from users where id = @AuthorId)
