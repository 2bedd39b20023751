-- Id order, so two bulk updates over overlapping tasks take their locks in the same order.
select t.id, t.workspace_id, t.project_id, t.status,
       array(select a.user_id from task_assignees a where a.task_id = t.id order by a.user_id) as assignee_ids,
       array(select l.label_id from task_labels l where l.task_id = t.id order by l.label_id) as label_ids,
       t.position, t.version, t.parent_id, t.status_id,
       (select coalesce(jsonb_object_agg(v.field_id, v.value), '{}')::text from task_field_values v where v.task_id = t.id) as custom_fields
from tasks t
where t.project_id = @ProjectId and t.id = any(@ids)
order by t.id
for update
