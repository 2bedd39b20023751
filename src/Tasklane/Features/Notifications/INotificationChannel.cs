namespace Tasklane.Features.Notifications;

/// <summary>
/// One notification for one user, as every channel receives it. <see cref="SourceId"/> is what caused it (the domain
/// event's id, or the reminder's); with <see cref="UserId"/> and <see cref="Kind"/> it identifies the notification
/// across redeliveries, unlike <see cref="Id"/>, which each attempt draws anew.
/// </summary>
public sealed record Notification(
    Guid Id, Guid UserId, Guid WorkspaceId, string Kind, Guid SourceId, Guid? ProjectId, Guid? TaskId, Guid? CommentId,
    Guid? ActorId, string Title, string? Excerpt, DateTime CreatedAt);

/// <summary>
/// A way to tell a user something. The in-app store (<see cref="InAppNotificationChannel"/>) always runs first;
/// other channels (e.g. a later SMTP sender) are registered in DI as <c>INotificationChannel</c> and run after it.
/// Delivery is at least once: a redelivered cause calls every channel again with the same
/// (<see cref="Notification.UserId"/>, <see cref="Notification.SourceId"/>, <see cref="Notification.Kind"/>), so a
/// channel must deduplicate on that key. Throwing makes the whole delivery retry.
/// </summary>
public interface INotificationChannel
{
    Task DeliverAsync(Notification notification, CancellationToken ct);
}
