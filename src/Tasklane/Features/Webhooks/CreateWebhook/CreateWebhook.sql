insert into webhooks (id, workspace_id, url, events, secret, enabled, version, created_by, created_at, updated_at)
values (@Id, @WorkspaceId, @Url, @Events, @Secret, @Enabled, @Version, @CreatedBy, @CreatedAt, @UpdatedAt)
