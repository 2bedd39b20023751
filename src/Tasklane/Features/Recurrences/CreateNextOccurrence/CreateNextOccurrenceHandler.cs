using Tasklane.Features.Projects;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Recurrences.CreateNextOccurrence;

/// <summary>
/// Worker: a series goes on to its next occurrence when its current task is completed or when the occurrence's date comes
/// (the recurrence's scheduled <see cref="TaskRecurrenceDue"/>), whichever is first, exactly once. Everything happens in
/// one transaction under the recurrence's row lock: the new task, the recurrence moved to it at the next version, its
/// events, and the scheduled message of the following occurrence. A second trigger for the same occurrence (the other
/// kind, a redelivery after a crash between the commit and the acknowledgement, a copy on another worker) waits for the
/// lock, then finds the version or the current task moved on and does nothing.
/// </summary>
[StickyHandler(Queues.Recurrences)]
public static class CreateNextOccurrenceHandler
{
    private static readonly string RecursSql = Sql.Load(typeof(CreateNextOccurrenceHandler), "TaskRecurs.sql");
    private static readonly string CurrentTaskSql = TaskResponse.WithColumns(
        Sql.Load(typeof(CreateNextOccurrenceHandler), "CurrentTask.sql")
    );
    private static readonly string InsertSql = Sql.Load(typeof(CreateNextOccurrenceHandler), "InsertOccurrence.sql");
    private static readonly string AdvanceSql = Sql.Load(typeof(CreateNextOccurrenceHandler), "AdvanceRecurrence.sql");

    public static bool Takes(TaskUpdated e) => Completes(e);

    public static bool Takes(TaskMoved e) => Completes(e);

    /// <summary>Only completions of a series' current task are queued: most tasks do not recur.</summary>
    public static QueueCondition WrittenWhen(TaskUpdated e) => Recurs(e.TaskId);

    public static QueueCondition WrittenWhen(TaskMoved e) => Recurs(e.TaskId);

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static Task Handle(TaskRecurrenceDue e, Outbox outbox, TimeProvider clock, CancellationToken ct) =>
        AdvanceAsync(
            e.ProjectId,
            tx => RecurrenceRow.LockByIdAsync(tx, e.RecurrenceId, ct),
            row => row.Version == e.Version,
            null,
            outbox,
            clock,
            ct
        );

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static Task Handle(TaskUpdated e, Outbox outbox, TimeProvider clock, CancellationToken ct) =>
        Completes(e) ? CompletedAsync(e.ProjectId, e.TaskId, e.ActorId, outbox, clock, ct) : Task.CompletedTask;

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static Task Handle(TaskMoved e, Outbox outbox, TimeProvider clock, CancellationToken ct) =>
        Completes(e) ? CompletedAsync(e.ProjectId, e.TaskId, e.ActorId, outbox, clock, ct) : Task.CompletedTask;

    private static bool Completes(TaskUpdated e) =>
        e.Changes.Status is { } status && status.To == StatusCategory.Done && status.From != StatusCategory.Done;

    private static bool Completes(TaskMoved e) => e.ToStatus == StatusCategory.Done && e.FromStatus != StatusCategory.Done;

    private static QueueCondition Recurs(Guid taskId) => new(RecursSql, new Dictionary<string, object> { ["taskId"] = taskId });

    /// <summary>
    /// The task was completed: if it is still its series' current task, the next occurrence is created now. Completing it
    /// again after reopening finds the series moved on.
    /// </summary>
    private static Task CompletedAsync(
        Guid projectId,
        Guid taskId,
        Guid actorId,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    ) => AdvanceAsync(projectId, tx => RecurrenceRow.LockByTaskAsync(tx, taskId, ct), _ => true, actorId, outbox, clock, ct);

    /// <summary>
    /// Creates the occurrence the series' row (locked by <paramref name="lockRow"/>) is due for, if <paramref name="current"/>
    /// holds for it; <paramref name="completedBy"/> is who completed the task, null when the date came (the rule's author
    /// is the actor then).
    /// </summary>
    private static async Task AdvanceAsync(
        Guid projectId,
        Func<OutboxTransaction, Task<RecurrenceRow?>> lockRow,
        Func<RecurrenceRow, bool> current,
        Guid? completedBy,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        // First, as every write to a project's tasks: the share lock keeps an archive or delete out until this commits.
        var paused = await ProjectGuard.LockWritableAsync(tx, projectId, ct) is not null;
        if (await lockRow(tx) is not { } row || !current(row))
        {
            return; // removed, or already moved on: this trigger's occurrence exists
        }

        // Validated when the rule was set; a zone the host's database no longer has fails (and is retried) loudly.
        var zone =
            RecurrenceZones.Find(row.TimeZone) ?? throw new InvalidOperationException($"The time zone {row.TimeZone} is not known here.");
        var now = clock.DbNow();
        var task = paused ? null : await tx.QuerySingleOrDefaultAsync<TaskResponse>(CurrentTaskSql, new { taskId = row.TaskId }, ct);
        if (task is null)
        {
            if (completedBy is not null)
            {
                return;
            }

            // The task is in the trash or its project archived or deleted: this occurrence is skipped, the series keeps time.
            var (nextAt, due) = CreateNextOccurrenceDecision.Skip(row, zone, projectId, now);
            await tx.ExecuteAsync(
                AdvanceSql,
                new
                {
                    row.Id,
                    row.TaskId,
                    NextAt = nextAt,
                    due.Version,
                    UpdatedAt = now,
                },
                ct
            );
            tx.Schedule(due, new DateTimeOffset(due.OccurredAt, TimeSpan.Zero));
            await tx.CommitAsync(ct);
            return;
        }

        // The labels before any task row, as every task write takes them (TaskLinks.ForeignLabelsAsync); members who left
        // and labels deleted since are not copied.
        var foreignLabels = await TaskLinks.ForeignLabelsAsync(tx, row.WorkspaceId, task.LabelIds, ct);
        var nonMembers = await TaskLinks.NonMembersAsync(tx, row.WorkspaceId, task.AssigneeIds, ct);
        var next = CreateNextOccurrenceDecision.Decide(
            row,
            task with
            {
                AssigneeIds = [.. task.AssigneeIds.Except(nonMembers)],
                LabelIds = [.. task.LabelIds.Except(foreignLabels)],
            },
            zone,
            completedBy,
            now
        );
        var created = next.Task with { Position = await tx.QuerySingleAsync<double>(InsertSql, next.Task, ct) };
        if (created.AssigneeIds.Length > 0 || created.LabelIds.Length > 0)
        {
            await TaskLinks.SaveAsync(tx, created, ct);
        }

        await tx.ExecuteAsync(
            AdvanceSql,
            new
            {
                row.Id,
                TaskId = created.Id,
                next.NextAt,
                next.Due.Version,
                UpdatedAt = now,
            },
            ct
        );
        tx.Publish(next.Created);
        tx.Publish(next.Recurred);
        tx.Schedule(next.Due, new DateTimeOffset(next.Due.OccurredAt, TimeSpan.Zero));
        await tx.CommitAsync(ct);
    }
}

/// <summary>The next occurrence of a series: the new task, its events, and when the one after it is due.</summary>
public sealed record NextOccurrence(TaskResponse Task, TaskCreated Created, TaskRecurred Recurred, DateTime NextAt, TaskRecurrenceDue Due);

public static class CreateNextOccurrenceDecision
{
    /// <summary>
    /// The occurrence due at the series' <see cref="RecurrenceRow.NextAt"/>: a copy of <paramref name="current"/> (title,
    /// description, priority, estimate, assignees, labels; not done, not a sub-task), due then, with its start as far before
    /// as the current task's. The following occurrence is the rule's first date after that one, or after now when dates
    /// were missed (a worker down for days creates one task, not one per missed date).
    /// </summary>
    public static NextOccurrence Decide(RecurrenceRow row, TaskResponse current, TimeZoneInfo zone, Guid? completedBy, DateTime now)
    {
        var dueAt = DateTime.SpecifyKind(row.NextAt, DateTimeKind.Utc);
        var actorId = completedBy ?? row.SetBy;
        var task = current with
        {
            Id = Guid.CreateVersion7(),
            ParentId = null,
            Status = StatusCategory.Todo,
            StartAt = current is { StartAt: { } startAt, DueAt: { } currentDueAt } ? dueAt - (currentDueAt - startAt) : null,
            DueAt = dueAt,
            AssigneeId = current.AssigneeIds.Length > 0 ? current.AssigneeIds[0] : null,
            Position = 0, // the end of the status column, assigned by the insert
            Version = 1,
            SubTaskCount = 0,
            DoneSubTaskCount = 0,
            CreatedBy = actorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (nextAt, due) = Following(row, zone, task.Id, task.ProjectId, actorId, dueAt > now ? dueAt : now);
        var created = new TaskCreated(
            Guid.CreateVersion7(),
            task.WorkspaceId,
            task.ProjectId,
            task.Id,
            actorId,
            now,
            task.Title,
            task.Status,
            task.Priority,
            task.DueAt,
            task.AssigneeIds
        );
        var recurred = new TaskRecurred(
            Guid.CreateVersion7(),
            task.WorkspaceId,
            task.ProjectId,
            row.TaskId,
            actorId,
            now,
            row.Id,
            due.Version,
            task.Id,
            dueAt,
            completedBy is null ? RecurrenceTriggers.Scheduled : RecurrenceTriggers.Completed
        );
        return new NextOccurrence(task, created, recurred, nextAt, due);
    }

    /// <summary>The series skips the occurrence that came while its task was in the trash or its project closed.</summary>
    public static (DateTime NextAt, TaskRecurrenceDue Due) Skip(RecurrenceRow row, TimeZoneInfo zone, Guid projectId, DateTime now) =>
        Following(row, zone, row.TaskId, projectId, row.SetBy, row.NextAt > now ? row.NextAt : now);

    private static (DateTime NextAt, TaskRecurrenceDue Due) Following(
        RecurrenceRow row,
        TimeZoneInfo zone,
        Guid taskId,
        Guid projectId,
        Guid actorId,
        DateTime after
    )
    {
        var nextAt = RecurrenceDecision.Next(row.ToRule(), row.StartsOnDate(), zone, after);
        return (
            nextAt,
            new TaskRecurrenceDue(Guid.CreateVersion7(), row.WorkspaceId, projectId, taskId, actorId, nextAt, row.Id, row.Version + 1)
        );
    }
}
