using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.CustomFields.RecordCustomFieldActivity;

/// <summary>Worker: the activity-feed entries for custom field events (workspace-wide: no project or task).</summary>
[StickyHandler(Queues.Activity)]
public static class RecordCustomFieldActivityHandler
{
    public static Task Handle(CustomFieldCreated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "custom_field.created",
            new
            {
                e.FieldId,
                e.Name,
                e.Type,
                e.Options,
            },
            ct
        );

    public static Task Handle(CustomFieldUpdated e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "custom_field.updated",
            new
            {
                e.FieldId,
                e.Version,
                e.Changes,
            },
            ct
        );

    public static Task Handle(CustomFieldDeleted e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            null,
            null,
            "custom_field.deleted",
            new
            {
                e.FieldId,
                e.Name,
                e.TaskCount,
            },
            ct
        );
}
