select version, author_id, deleted_at
from comment_rows
where id = @commentId
for update
