delete from task_assignees where task_id = @Id and not (user_id = any (@AssigneeIds));
insert into task_assignees (task_id, user_id) select @Id, unnest(@AssigneeIds::uuid[]) on conflict do nothing;
delete from task_labels where task_id = @Id and not (label_id = any (@LabelIds));
insert into task_labels (task_id, label_id) select @Id, unnest(@LabelIds::uuid[]) on conflict do nothing;
