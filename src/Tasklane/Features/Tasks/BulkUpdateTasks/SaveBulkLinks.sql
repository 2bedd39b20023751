-- Replaces the assignee and label sets of the tasks whose sets changed; the pairs are the new sets.
delete from task_assignees where task_id = any(@assigneeTasks);
insert into task_assignees (task_id, user_id) select * from unnest(@assigneePairTasks::uuid[], @assigneePairUsers::uuid[]);
delete from task_labels where task_id = any(@labelTasks);
insert into task_labels (task_id, label_id) select * from unnest(@labelPairTasks::uuid[], @labelPairLabels::uuid[]);
