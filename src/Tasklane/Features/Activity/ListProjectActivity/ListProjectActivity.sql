-- The project's feed: the project's own entries and its tasks' (the query is ActivityFeed.sql).
a.project_id = @ProjectId
