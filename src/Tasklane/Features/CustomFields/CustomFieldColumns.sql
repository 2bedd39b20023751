id, workspace_id, name, type, options::text as options, position, version, created_by, created_at, updated_at
