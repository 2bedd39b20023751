-- The task's feed: its changes and its comments (the query is ActivityFeed.sql).
a.task_id = @taskId
