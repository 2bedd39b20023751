update labels
set name = @Name, color = @Color, version = @Version, updated_at = @UpdatedAt
where id = @Id
