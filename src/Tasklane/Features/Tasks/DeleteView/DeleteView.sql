delete from saved_views where id = @ViewId
