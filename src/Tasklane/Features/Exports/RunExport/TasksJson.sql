-- One JSON document per task, in creation order (ids are UUIDv7), streamed by the worker: Postgres builds the
-- text, so the worker holds one row at a time. Attachment links are API paths that redirect to a fresh download.
select json_build_object(
    'id', t.id, 'title', t.title, 'description', t.description, 'status', t.status,
    'statusId', t.status_id, 'statusName', (select s.name from project_statuses s where s.id = t.status_id), 'priority', t.priority,
    'position', t.position, 'parentId', t.parent_id, 'startAt', t.start_at, 'dueAt', t.due_at, 'estimate', t.estimate,
    'createdBy', t.created_by, 'createdAt', t.created_at, 'updatedAt', t.updated_at,
    'assignees', coalesce((select json_agg(json_build_object('id', u.id, 'email', u.email, 'displayName', u.display_name) order by u.email)
                           from task_assignees ta join users u on u.id = ta.user_id where ta.task_id = t.id), '[]'::json),
    'labels', coalesce((select json_agg(l.name order by l.name)
                        from task_labels tl join labels l on l.id = tl.label_id where tl.task_id = t.id), '[]'::json),
    'comments', coalesce((select json_agg(json_build_object(
                              'id', c.id, 'author', json_build_object('id', u.id, 'email', u.email, 'displayName', u.display_name),
                              'body', c.body, 'createdAt', c.created_at, 'editedAt', c.edited_at) order by c.id)
                          from comments c join users u on u.id = c.author_id where c.task_id = t.id), '[]'::json),
    'attachments', coalesce((select json_agg(json_build_object(
                                 'id', a.id, 'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size,
                                 'url', @AttachmentsPath || a.id) order by a.id)
                             from attachments a where a.task_id = t.id and a.status = 'ready' and a.deleted_at is null), '[]'::json),
    -- By field id, as the API has them; the project head names the fields.
    'customFields', coalesce((select json_object_agg(v.field_id, v.value) from task_field_values v where v.task_id = t.id), '{}'::json)
)::text
from tasks t
where t.project_id = @ProjectId
order by t.id
