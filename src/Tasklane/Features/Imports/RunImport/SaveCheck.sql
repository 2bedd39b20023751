-- What the checking pass found, before the writing pass starts.
update imports
set total = @Total, preview = @Preview::jsonb, errors = @Errors::jsonb
where id = @ImportId and attempt = @Attempt and status = 'running'
