using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Tasks.RecordTaskActivity;

/// <summary>Worker: the activity-feed entries for task events.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordTaskActivityHandler
{
    public static Task Handle(TaskCreated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "task.created",
            new
            {
                e.Title,
                e.Status,
                e.Priority,
            },
            ct
        );

    public static Task Handle(TaskUpdated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "task.updated", new { e.Version, Changes = e.Changes.Text() }, ct);

    public static Task Handle(TaskDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "task.deleted", new { e.Version, e.SubTaskIds }, ct);

    public static Task Handle(TaskRestored e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(e, e.ProjectId, e.TaskId, "task.restored", new { e.Version, e.SubTaskIds }, ct);
}
