using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine.Attributes;

namespace Tasklane.Features.Attachments.DeleteAttachment;

/// <summary>
/// Worker: removes a deleted attachment's object. Deleting a missing key succeeds, so redelivery is harmless.
/// While the object store is down the message is retried from the durable inbox with growing delays
/// (about 9 hours in all); after that it waits in the dead-letter table to be replayed.
/// </summary>
[StickyHandler(Queues.Housekeeping)]
public static class DeleteAttachmentObjectHandler
{
    [ScheduleRetry(typeof(Exception), 2, 10, 60, 300, 1800, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600)]
    public static Task Handle(AttachmentDeleted e, ObjectStore store, CancellationToken ct) => store.DeleteAsync(e.ObjectKey, ct);
}
