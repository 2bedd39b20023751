using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Auth;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Notifications;

/// <summary>A notification as the API returns it; <see cref="ActorId"/> is null for reminders (nobody acted).</summary>
public sealed record NotificationResponse(
    Guid Id,
    Guid WorkspaceId,
    [property: OneOf(typeof(NotificationKinds), nameof(NotificationKinds.All))] string Kind,
    Guid? ProjectId,
    Guid? TaskId,
    Guid? CommentId,
    Guid? ActorId,
    [property: MaxLength(UserRules.DisplayNameMax)] string? ActorDisplayName,
    [property: MaxLength(NotificationKinds.TextMax)] string Title,
    [property: MaxLength(NotificationKinds.TextMax)] string? Excerpt,
    DateTime CreatedAt,
    DateTime? ReadAt
);
