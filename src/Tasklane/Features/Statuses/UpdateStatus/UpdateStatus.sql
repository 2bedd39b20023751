update project_statuses
set name = @Name, color = @Color, category = @Category, position = @Position, wip_limit = @WipLimit, version = @Version,
    updated_at = @UpdatedAt
where id = @Id
