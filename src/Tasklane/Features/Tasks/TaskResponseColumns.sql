t.id, t.workspace_id, t.project_id, t.parent_id, t.title, t.description, t.status, t.priority,
       t.start_at, t.due_at, t.estimate, t.assignee_id,
       array(select a.user_id from task_assignees a where a.task_id = t.id order by a.user_id) as assignee_ids,
       array(select l.label_id from task_labels l where l.task_id = t.id order by l.label_id) as label_ids,
       t.position, t.version, t.created_by, t.created_at, t.updated_at,
       (select count(*)::int from tasks s where s.parent_id = t.id) as sub_task_count,
       (select count(*)::int from tasks s where s.parent_id = t.id and s.status = 'done') as done_sub_task_count,
       t.status_id,
       (select coalesce(jsonb_object_agg(v.field_id, v.value), '{}')::text from task_field_values v where v.task_id = t.id) as custom_fields
