select query from saved_views where id = @ViewId
