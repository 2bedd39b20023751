-- The workspace's feed: all of its entries (the query is ActivityFeed.sql).
a.workspace_id = @WorkspaceId
