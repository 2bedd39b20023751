update custom_fields
set name = @Name, options = @Options, version = @Version, updated_at = @UpdatedAt
where id = @Id
