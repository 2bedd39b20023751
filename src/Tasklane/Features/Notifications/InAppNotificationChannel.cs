using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Notifications;

/// <summary>
/// The in-app store behind <c>GET /me/notifications</c>, and the record other deliveries start from: the row and
/// its <see cref="NotificationCreated"/> are committed together, and a redelivered cause inserts (and publishes) nothing.
/// </summary>
public sealed class InAppNotificationChannel(Outbox outbox) : INotificationChannel, ISingletonService
{
    private static readonly string Insert = Sql.Load(typeof(InAppNotificationChannel), "StoreNotification.sql");

    public async Task DeliverAsync(Notification n, CancellationToken ct)
    {
        await using var tx = await outbox.BeginAsync(ct);
        var stored = await tx.ExecuteAsync(Insert, n, ct);
        if (stored == 0)
        {
            return;
        }

        tx.Publish(
            new NotificationCreated(
                Guid.CreateVersion7(),
                n.WorkspaceId,
                n.ActorId ?? Guid.Empty,
                n.CreatedAt,
                n.Id,
                n.UserId,
                n.Kind,
                n.ProjectId,
                n.TaskId,
                n.Title
            )
        );
        await tx.CommitAsync(ct);
    }
}
