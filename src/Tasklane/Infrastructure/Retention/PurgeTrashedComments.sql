-- Comments in the trash since before @cutoff, oldest first, @batch at a time (their mentions cascade).
delete from comment_rows
where id in (select id from comment_rows where deleted_at < @cutoff order by deleted_at limit @batch for update skip locked)
