using Dapper;
using Npgsql;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Notifications;

/// <summary>What one cause tells its recipients; <see cref="ActorId"/> null when nobody acted (reminders).</summary>
public sealed record NotificationDraft(
    Guid WorkspaceId,
    string Kind,
    Guid SourceId,
    Guid? ProjectId,
    Guid? TaskId,
    Guid? CommentId,
    Guid? ActorId,
    string Title,
    string? Excerpt
);

/// <summary>The task a notification is about, as the worker reads it when the event does not carry it.</summary>
public sealed record NotifiedTask(Guid Id, Guid ProjectId, string Title);

/// <summary>
/// Sends a draft to its recipients through every channel: the in-app store first, then mail
/// (<see cref="MailNotificationChannel"/>), then any other registered <see cref="INotificationChannel"/>. Only current members of the workspace are notified, and never the actor
/// about their own action.
/// </summary>
public sealed class Notifier(
    NpgsqlDataSource db,
    InAppNotificationChannel inApp,
    MailNotificationChannel mail,
    IEnumerable<INotificationChannel> channels,
    TimeProvider clock
) : ISingletonService
{
    private static readonly string RecipientsSql = Sql.Load(typeof(Notifier), "Recipients.sql");
    private static readonly string TaskSql = Sql.Load(typeof(Notifier), "NotifiedTask.sql");

    private readonly INotificationChannel[] _channels =
    [
        inApp,
        mail,
        .. channels.Where(c => c is not (InAppNotificationChannel or MailNotificationChannel)),
    ];

    public async Task NotifyAsync(NotificationDraft draft, IEnumerable<Guid> candidates, CancellationToken ct)
    {
        var ids = candidates.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var recipients = await connection.QueryAsync<Guid>(
            new CommandDefinition(
                RecipientsSql,
                new
                {
                    draft.WorkspaceId,
                    ids,
                    draft.ActorId,
                },
                cancellationToken: ct
            )
        );
        foreach (var userId in recipients)
        {
            var notification = new Notification(
                Guid.CreateVersion7(),
                userId,
                draft.WorkspaceId,
                draft.Kind,
                draft.SourceId,
                draft.ProjectId,
                draft.TaskId,
                draft.CommentId,
                draft.ActorId,
                NotificationKinds.Cut(draft.Title)!,
                NotificationKinds.Cut(draft.Excerpt),
                clock.DbNow()
            );
            foreach (var channel in _channels)
            {
                await channel.DeliverAsync(notification, ct);
            }
        }
    }

    /// <summary>The task, or null when it (or its project) is gone: then there is nothing to notify about.</summary>
    public async Task<NotifiedTask?> TaskAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<NotifiedTask>(
            new CommandDefinition(TaskSql, new { taskId }, cancellationToken: ct)
        );
    }
}
