update tasks
set status = @Status, position = @Position, version = @Version, updated_at = @UpdatedAt
where id = @Id
