delete from comments where id = @commentId
