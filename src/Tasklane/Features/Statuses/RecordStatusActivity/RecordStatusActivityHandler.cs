using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Statuses.RecordStatusActivity;

/// <summary>Worker: the activity-feed entries for status events (on the project, no task).</summary>
[StickyHandler(Queues.Activity)]
public static class RecordStatusActivityHandler
{
    public static Task Handle(StatusCreated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "status.created",
            new
            {
                e.StatusId,
                e.Name,
                e.Color,
                e.Category,
                e.WipLimit,
            },
            ct
        );

    public static Task Handle(StatusUpdated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "status.updated",
            new
            {
                e.StatusId,
                e.Version,
                e.Changes,
            },
            ct
        );

    public static Task Handle(StatusDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            null,
            "status.deleted",
            new
            {
                e.StatusId,
                e.Name,
                e.MovedTo,
                e.TaskCount,
            },
            ct
        );
}
