-- The label's tasks change (one label fewer): bump their versions so ETags and If-None-Match stay truthful,
-- then delete the label (task_labels rows go with it). Returns the ids of the tasks that carried it.
with touched as (
    update tasks t set version = t.version + 1, updated_at = @now
    from task_labels tl
    where tl.label_id = @labelId and t.id = tl.task_id
    returning t.id
), gone as (
    delete from labels where id = @labelId
)
select id from touched
