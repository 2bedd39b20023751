insert into task_labels (task_id, label_id) select * from unnest(@TaskIds::uuid[], @LabelIds::uuid[])
