using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Labels.RecordLabelActivity;

/// <summary>Worker: the activity-feed entries for label events (workspace-wide: no project or task).</summary>
[StickyHandler(Queues.Activity)]
public static class RecordLabelActivityHandler
{
    public static Task Handle(LabelCreated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "label.created",
            new
            {
                e.LabelId,
                e.Name,
                e.Color,
            },
            ct
        );

    public static Task Handle(LabelUpdated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "label.updated",
            new
            {
                e.LabelId,
                e.Version,
                e.Changes,
            },
            ct
        );

    public static Task Handle(LabelDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "label.deleted",
            new
            {
                e.LabelId,
                e.Name,
                e.TaskCount,
            },
            ct
        );
}
