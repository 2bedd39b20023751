namespace Tasklane.Features.Notifications;

/// <summary>
/// One notification for one user, as every channel receives it. <see cref="SourceId"/> is what caused it (the domain
/// event's id, or the reminder's); with <see cref="UserId"/> and <see cref="Kind"/> it identifies the notification
/// across redeliveries, unlike <see cref="Id"/>, which each attempt draws anew.
/// </summary>
public sealed record Notification(
    Guid Id,
    Guid UserId,
    Guid WorkspaceId,
    string Kind,
    Guid SourceId,
    Guid? ProjectId,
    Guid? TaskId,
    Guid? CommentId,
    Guid? ActorId,
    string Title,
    string? Excerpt,
    DateTime CreatedAt
);
