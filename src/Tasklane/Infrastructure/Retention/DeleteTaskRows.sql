-- Their comments, attachments, labels, assignees, reminders and notifications go with them (foreign keys, on delete
-- cascade); their search entries are columns of the rows.
delete from task_rows where id = any (@ids)
