-- What counts against the quota: the declared sizes of live (pending and ready) attachments.
select coalesce(sum(size), 0)::bigint from attachments where workspace_id = @workspaceId and deleted_at is null
