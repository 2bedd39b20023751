insert into notifications (id, user_id, workspace_id, kind, source_id, project_id, task_id, comment_id, actor_id, title, excerpt, created_at)
values (@Id, @UserId, @WorkspaceId, @Kind, @SourceId, @ProjectId, @TaskId, @CommentId, @ActorId, @Title, @Excerpt, @CreatedAt)
on conflict (user_id, source_id, kind) do nothing
