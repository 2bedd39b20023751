insert into task_assignees (task_id, user_id) select * from unnest(@TaskIds::uuid[], @UserIds::uuid[])
