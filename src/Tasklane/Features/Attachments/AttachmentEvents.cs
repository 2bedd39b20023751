using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Attachments;

/// <summary>An upload was completed: the object exists with the declared size and the attachment is ready.</summary>
public sealed record AttachmentAdded(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid AttachmentId,
    Guid ActorId,
    DateTime OccurredAt,
    string FileName,
    string ContentType,
    long Size
) : IDomainEvent;

/// <summary>
/// The attachment row is soft-deleted; the worker deletes <see cref="ObjectKey"/> from the store.
/// <see cref="WasReady"/> is false when a never-completed upload was cancelled (no activity entry then).
/// </summary>
public sealed record AttachmentDeleted(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid AttachmentId,
    Guid ActorId,
    DateTime OccurredAt,
    string ObjectKey,
    string FileName,
    bool WasReady
) : IDomainEvent;

/// <summary>
/// The upload window of a pending attachment closed at <see cref="OccurredAt"/>. Published with the upload URL,
/// scheduled for that moment, so it is stored by the same commit and delivered then even across restarts;
/// the worker deletes the attachment if it is still pending.
/// </summary>
public sealed record AttachmentUploadExpired(Guid EventId, Guid WorkspaceId, Guid AttachmentId, Guid ActorId, DateTime OccurredAt)
    : IDomainEvent;
