-- Up to @batch tasks in the trash since before @cutoff, oldest first, with the objects of their attachments (a row per
-- object; one row without for a task without). Locked, so that nothing restores or changes them while their objects
-- go; rows another worker holds are in its batch: skipped.
select t.id, a.object_key
from (select id from task_rows where deleted_at < @cutoff order by deleted_at limit @batch for update skip locked) t
left join attachments a on a.task_id = t.id
