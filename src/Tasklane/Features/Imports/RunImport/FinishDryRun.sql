update imports
set status = 'succeeded', total = @Total, processed = @Total, preview = @Preview::jsonb, errors = @Errors::jsonb, finished_at = @Now
where id = @ImportId and attempt = @Attempt and status = 'running'
