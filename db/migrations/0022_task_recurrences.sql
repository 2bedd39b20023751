-- Recurring tasks. A series is one row, attached to its current task (task_id): the occurrence that is open now. The next
-- occurrence (next_at, UTC) is created when the current task is completed or when next_at arrives, whichever comes first;
-- the row then moves to the new task and its version goes up. Each version schedules one durable message for its next_at
-- (TaskRecurrenceDue); a message for an older version, or for a row that is gone, does nothing, so a redelivered or
-- duplicated message cannot create a second task.
--
-- The rule is wall-clock time in an IANA time zone: time_of_day on the days the frequency picks, counted from starts_on (a
-- local date). The row stays while its task is in the trash (occurrences are skipped meanwhile) and goes with the task's
-- row when it is purged.
create table task_recurrences (
    id            uuid primary key,
    workspace_id  uuid not null references workspaces (id) on delete cascade,
    task_id       uuid not null references task_rows (id) on delete cascade,
    frequency     text not null check (frequency in ('daily', 'weekly', 'monthly', 'every_n_days')),
    interval_days integer check (interval_days between 1 and 366),
    weekdays      text[] not null default '{}',
    month_day     smallint check (month_day between 1 and 31),
    time_of_day   time not null,
    time_zone     text not null,
    starts_on     date not null,
    next_at       timestamptz not null,
    version       integer not null,
    -- Who set the rule last: the actor of the occurrences the schedule creates.
    set_by        uuid not null references users (id),
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    check ((frequency = 'every_n_days') = (interval_days is not null)),
    check ((frequency = 'weekly') = (cardinality(weekdays) > 0)),
    check ((frequency = 'monthly') = (month_day is not null))
);

-- A task has at most one recurrence; the completion check (a task's row, by task id) and GET use it.
create unique index task_recurrences_task on task_recurrences (task_id);
