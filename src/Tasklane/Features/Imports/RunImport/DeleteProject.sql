-- A failed import takes back what it wrote: the project goes with its tasks, comments and links.
delete from projects where id = @ProjectId and workspace_id = @WorkspaceId
