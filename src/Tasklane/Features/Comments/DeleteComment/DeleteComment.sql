-- To the trash: the text and mentions stay with the row, for a restore within 30 days (the worker purges it after).
update comment_rows
set deleted_at = @now, deleted_by = @actorId, version = version + 1
where id = @commentId
