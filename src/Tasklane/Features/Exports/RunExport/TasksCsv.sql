-- One row per task, every column as text, in creation order. Lists are joined with "; ", comments with blank lines.
select t.id::text as id, t.title, t.description, t.status, t.priority,
       (select string_agg(u.email, '; ' order by u.email)
        from task_assignees ta join users u on u.id = ta.user_id where ta.task_id = t.id) as assignees,
       (select string_agg(l.name, '; ' order by l.name)
        from task_labels tl join labels l on l.id = tl.label_id where tl.task_id = t.id) as labels,
       to_char(t.start_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start_at,
       to_char(t.due_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as due_at,
       t.estimate::text as estimate_minutes,
       t.parent_id::text as parent_id,
       creator.email as created_by,
       to_char(t.created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
       to_char(t.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at,
       (select string_agg(u.display_name || ' <' || u.email || '> ' || to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || E':\n' || c.body,
                          E'\n\n' order by c.id)
        from comments c join users u on u.id = c.author_id where c.task_id = t.id) as comments,
       (select string_agg(a.file_name || ' ' || @AttachmentsPath || a.id, E'\n' order by a.id)
        from attachments a where a.task_id = t.id and a.status = 'ready' and a.deleted_at is null) as attachments,
       -- "Field: value" in the workspace's field order, each value as a person reads it (option names, emails, yes/no).
       (select string_agg(f.name || ': ' || case f.type
                   when 'single_select' then (select o ->> 'name' from jsonb_array_elements(f.options) o where o ->> 'id' = v.ref::text)
                   when 'multi_select' then (select string_agg(o ->> 'name', ', ' order by n)
                                             from jsonb_array_elements(f.options) with ordinality x (o, n)
                                             where o ->> 'id' = any (v.refs::text[]))
                   when 'user' then (select u.email from users u where u.id = v.ref)
                   when 'checkbox' then case when v.num = 1 then 'yes' else 'no' end
                   else coalesce(v.txt, v.num::text) end, '; ' order by f.position, f.id)
        from task_field_values v join custom_fields f on f.id = v.field_id where v.task_id = t.id) as custom_fields
from tasks t
join users creator on creator.id = t.created_by
where t.project_id = @ProjectId
order by t.id
