update tasks
set status = @Status, status_id = @StatusId, position = @Position, version = @Version, updated_at = @UpdatedAt
where id = @Id
