insert into saved_views (id, workspace_id, project_id, owner_id, name, query, layout, shared, version, created_at, updated_at)
values (@Id, @WorkspaceId, @ProjectId, @OwnerId, @Name, @Query, @Layout, @Shared, @Version, @CreatedAt, @UpdatedAt)
