update comment_rows
set deleted_at = null, deleted_by = null, version = version + 1
where id = @commentId
