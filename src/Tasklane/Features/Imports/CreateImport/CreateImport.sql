insert into imports (id, workspace_id, requested_by, source, object_key, options, dry_run, status, project_id, created_at)
values (@Id, @WorkspaceId, @RequestedBy, @Source, @ObjectKey, @Options::jsonb, @DryRun, 'queued', @ProjectId, @CreatedAt)
