-- The project with its statuses (board order) and the workspace's labels and custom fields, as the head of a JSON export.
select json_build_object(
    'id', p.id, 'name', p.name, 'description', p.description,
    'createdAt', p.created_at, 'archivedAt', p.archived_at,
    'statuses', coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name, 'color', s.color, 'category', s.category,
                                                    'wipLimit', s.wip_limit) order by s.position, s.id)
                          from project_statuses s where s.project_id = p.id), '[]'::json),
    'labels', coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name, l.id)
                        from labels l where l.workspace_id = p.workspace_id), '[]'::json),
    'customFields', coalesce((select json_agg(json_build_object('id', f.id, 'name', f.name, 'type', f.type, 'options', f.options)
                                              order by f.position, f.id)
                              from custom_fields f where f.workspace_id = p.workspace_id), '[]'::json)
)::text
from projects p
where p.id = @ProjectId
