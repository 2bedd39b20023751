select id, workspace_id, task_id, frequency, interval_days, weekdays, month_day::int as month_day, time_of_day, time_zone,
       starts_on, next_at, version, set_by, created_at, updated_at
from task_recurrences
where task_id = @TaskId
