namespace Tasklane.Features.Notifications;

/// <summary>A notification as the API returns it; <see cref="ActorId"/> is null for reminders (nobody acted).</summary>
public sealed record NotificationResponse(
    Guid Id, Guid WorkspaceId, string Kind, Guid? ProjectId, Guid? TaskId, Guid? CommentId, Guid? ActorId, string? ActorDisplayName,
    string Title, string? Excerpt, DateTime CreatedAt, DateTime? ReadAt);
