update imports set status = 'succeeded', finished_at = @Now where id = @ImportId and attempt = @Attempt and status = 'running'
