-- Committed with the batch it counts: after a crash the next attempt goes on from here.
update imports set processed = @Processed, created = created + @Created where id = @ImportId and attempt = @Attempt
