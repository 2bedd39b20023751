v.id, v.workspace_id, v.project_id, v.owner_id, v.name, v.query, v.layout, v.shared, v.version, v.created_at, v.updated_at
