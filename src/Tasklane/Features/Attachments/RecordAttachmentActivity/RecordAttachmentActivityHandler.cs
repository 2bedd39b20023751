using Tasklane.Features.Activity;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Attachments.RecordAttachmentActivity;

/// <summary>Worker: the activity-feed entries for attachments, on the task's and project's feeds too.</summary>
[StickyHandler(Queues.Activity)]
public static class RecordAttachmentActivityHandler
{
    public static Task Handle(AttachmentAdded e, ActivityWriter activity, CancellationToken ct) =>
        activity.RecordAsync(
            e,
            e.ProjectId,
            e.TaskId,
            "attachment.added",
            new
            {
                e.AttachmentId,
                e.FileName,
                e.ContentType,
                e.Size,
            },
            ct
        );

    /// <summary>Cancelling an upload that never completed leaves no trace in the feed: it was never added.</summary>
    public static Task Handle(AttachmentDeleted e, ActivityWriter activity, CancellationToken ct) =>
        e.WasReady
            ? activity.RecordAsync(e, e.ProjectId, e.TaskId, "attachment.deleted", new { e.AttachmentId, e.FileName }, ct)
            : Task.CompletedTask;
}
