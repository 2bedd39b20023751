-- Inserts nothing when the task is gone.
insert into attachments (id, workspace_id, project_id, task_id, object_key, file_name, content_type, size, status, created_by, created_at)
select @Id, t.workspace_id, t.project_id, t.id, @ObjectKey, @FileName, @ContentType, @Size, 'pending', @CreatedBy, @CreatedAt
from tasks t
where t.id = @TaskId and t.workspace_id = @WorkspaceId
