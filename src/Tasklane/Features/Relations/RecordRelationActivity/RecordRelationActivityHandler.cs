using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Relations.RecordRelationActivity;

/// <summary>Worker: the activity-feed entries for relation events, on the task the relation was added or removed through.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordRelationActivityHandler
{
    public static Task Handle(TaskRelationAdded e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "task.relation_added",
            new
            {
                e.RelationId,
                e.Type,
                e.OtherTaskId,
            },
            ct
        );

    public static Task Handle(TaskRelationRemoved e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "task.relation_removed",
            new
            {
                e.RelationId,
                e.Type,
                e.OtherTaskId,
            },
            ct
        );
}
