update projects
set name = @Name, description = @Description, version = @Version, archived_at = @ArchivedAt, deleted_at = @DeletedAt
where id = @Id
