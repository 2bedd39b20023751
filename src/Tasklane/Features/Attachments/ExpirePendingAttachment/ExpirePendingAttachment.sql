-- Only an upload still pending is removed; completed or already deleted attachments are left alone.
delete from attachments where id = @AttachmentId and status = 'pending' and deleted_at is null
returning object_key
