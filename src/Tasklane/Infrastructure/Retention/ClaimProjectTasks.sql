-- Up to @batch tasks of a project deleted before the cutoff, in the trash or not, with the objects of their attachments
-- (a row per object); locked like ClaimExpiredTasks.sql.
select t.id, a.object_key
from (select id from task_rows where project_id = @projectId limit @batch for update skip locked) t
left join attachments a on a.task_id = t.id
