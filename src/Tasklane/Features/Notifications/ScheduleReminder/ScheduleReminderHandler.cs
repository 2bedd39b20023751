using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Notifications.ScheduleReminder;

/// <summary>
/// Worker: a task that gets a due date (on creation or by a change) gets a <see cref="TaskReminderDue"/>, a durable
/// scheduled message due the lead time before the date. Nothing is cancelled when the date moves or is cleared:
/// the reminder checks the task when it fires (see SendReminderHandler), so the old one is simply superseded.
/// A redelivered event schedules a second copy; only one of them can claim the reminder.
/// </summary>
[StickyHandler(Queues.Reminders)]
public static class ScheduleReminderHandler
{
    public static bool Takes(TaskCreated e) => e.DueAt is not null;

    public static bool Takes(TaskUpdated e) => e.Changes.DueAt is not null;

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static Task Handle(TaskCreated e, ReminderSettings settings, Outbox outbox, TimeProvider clock, CancellationToken ct) =>
        ScheduleAsync(Plan(e.WorkspaceId, e.ProjectId, e.TaskId, e.ActorId, e.DueAt, settings.LeadTime, clock.DbNow()), outbox, ct);

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static Task Handle(TaskUpdated e, ReminderSettings settings, Outbox outbox, TimeProvider clock, CancellationToken ct) =>
        e.Changes.DueAt is { } change
            ? ScheduleAsync(Plan(e.WorkspaceId, e.ProjectId, e.TaskId, e.ActorId, change.To, settings.LeadTime, clock.DbNow()), outbox, ct)
            : Task.CompletedTask;

    /// <summary>
    /// The reminder for a due date, or none when there is no date or it has already passed (a reminder about the
    /// past is noise). A date closer than the lead time is reminded of at once.
    /// </summary>
    public static TaskReminderDue? Plan(
        Guid workspaceId,
        Guid projectId,
        Guid taskId,
        Guid actorId,
        DateTime? dueAt,
        TimeSpan leadTime,
        DateTime now
    )
    {
        if (dueAt is not { } due || due <= now)
        {
            return null;
        }

        var fireAt = due - leadTime < now ? now : due - leadTime;
        return new TaskReminderDue(Guid.CreateVersion7(), workspaceId, projectId, taskId, actorId, fireAt, due);
    }

    private static async Task ScheduleAsync(TaskReminderDue? reminder, Outbox outbox, CancellationToken ct)
    {
        if (reminder is null)
        {
            return;
        }

        // Through the outbox, so the scheduled message is stored before this event counts as handled.
        await using var tx = await outbox.BeginAsync(ct);
        tx.Schedule(reminder, new DateTimeOffset(reminder.OccurredAt, TimeSpan.Zero));
        await tx.CommitAsync(ct);
    }
}
