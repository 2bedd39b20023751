update saved_views
set name = @Name, query = @Query, layout = @Layout, shared = @Shared, version = @Version, updated_at = @UpdatedAt
where id = @Id
