-- Creates the task's recurrence or replaces its rule (the id and created_at stay); the version is the endpoint's.
insert into task_recurrences (id, workspace_id, task_id, frequency, interval_days, weekdays, month_day, time_of_day, time_zone,
                              starts_on, next_at, version, set_by, created_at, updated_at)
values (@Id, @WorkspaceId, @TaskId, @Frequency, @IntervalDays, @Weekdays, @MonthDay, @TimeOfDay::time, @TimeZone,
        @StartsOn::date, @NextAt, @Version, @SetBy, @CreatedAt, @UpdatedAt)
on conflict (task_id) do update
set frequency = excluded.frequency, interval_days = excluded.interval_days, weekdays = excluded.weekdays,
    month_day = excluded.month_day, time_of_day = excluded.time_of_day, time_zone = excluded.time_zone,
    starts_on = excluded.starts_on, next_at = excluded.next_at, version = excluded.version, set_by = excluded.set_by,
    updated_at = excluded.updated_at
