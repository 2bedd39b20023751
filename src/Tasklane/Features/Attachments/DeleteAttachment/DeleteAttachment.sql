update attachments set deleted_at = @deletedAt where id = @attachmentId and deleted_at is null
