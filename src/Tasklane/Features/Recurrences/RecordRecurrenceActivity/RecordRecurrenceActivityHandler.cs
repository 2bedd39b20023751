using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Recurrences.RecordRecurrenceActivity;

/// <summary>Worker: the activity-feed entries for recurrence events, on the task the recurrence was set on or moved from.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordRecurrenceActivityHandler
{
    public static Task Handle(TaskRecurrenceSet e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "task.recurrence_set",
            new
            {
                e.RecurrenceId,
                e.Version,
                e.Rule,
                e.NextAt,
            },
            ct
        );

    public static Task Handle(TaskRecurrenceRemoved e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "task.recurrence_removed", new { e.RecurrenceId }, ct);

    public static Task Handle(TaskRecurred e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "task.recurred",
            new
            {
                e.RecurrenceId,
                e.NextTaskId,
                e.DueAt,
                e.Trigger,
            },
            ct
        );
}
