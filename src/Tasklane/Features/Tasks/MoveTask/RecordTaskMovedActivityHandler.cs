using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Tasks.MoveTask;

/// <summary>Worker: the activity-feed entry for a move.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordTaskMovedActivityHandler
{
    public static Task Handle(TaskMoved e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "task.moved",
            new
            {
                e.Version,
                From = new { Status = e.FromStatus, Position = e.FromPosition },
                To = new { Status = e.ToStatus, Position = e.ToPosition },
            },
            ct
        );
}
