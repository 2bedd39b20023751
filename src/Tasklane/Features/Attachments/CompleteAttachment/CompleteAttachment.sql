update attachments set status = 'ready', completed_at = @CompletedAt where id = @Id and status = 'pending'
