namespace Tasklane.Features.Notifications;

/// <summary>
/// A way to tell a user something. The in-app store (<see cref="InAppNotificationChannel"/>) always runs first, mail
/// (<see cref="MailNotificationChannel"/>) second; other channels are registered in DI as <c>INotificationChannel</c>
/// and run after them.
/// Delivery is at least once: a redelivered cause calls every channel again with the same
/// (<see cref="Notification.UserId"/>, <see cref="Notification.SourceId"/>, <see cref="Notification.Kind"/>), so a
/// channel must deduplicate on that key. Throwing makes the whole delivery retry.
/// </summary>
public interface INotificationChannel
{
    Task DeliverAsync(Notification notification, CancellationToken ct);
}
