select id from projects where deleted_at < @cutoff order by deleted_at limit @batch
