update imports
set status = 'failed', error = @Error, total = coalesce(@Total, total), preview = coalesce(@Preview::jsonb, preview),
    errors = coalesce(@Errors::jsonb, errors), finished_at = @Now
where id = @ImportId and attempt = @Attempt and status = 'running'
