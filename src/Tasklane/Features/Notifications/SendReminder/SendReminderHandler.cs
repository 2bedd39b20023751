using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Notifications.SendReminder;

/// <summary>
/// Worker: a due reminder notifies the task's assignees (its creator when it has none), once. It is superseded, and
/// does nothing, when the task is no longer due at the reminder's date (moved or cleared), is done, or is gone.
/// The first message to claim (task, due date) fires it; any other copy finds the claim taken by someone else.
/// </summary>
[StickyHandler(Queues.Notifications)]
public static class SendReminderHandler
{
    private static readonly string ClaimSql = Sql.Load(typeof(SendReminderHandler), "ClaimReminder.sql");
    private static readonly string RecipientsSql = Sql.Load(typeof(SendReminderHandler), "ReminderRecipients.sql");

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600, 1800, 3600)]
    public static async Task Handle(TaskReminderDue e, NpgsqlDataSource db, Notifier notifier, TimeProvider clock, CancellationToken ct)
    {
        Guid[] recipients;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            // The claim commits on its own; a retry of this same message finds it its own and notifies what is missing.
            var owner = await connection.QuerySingleOrDefaultAsync<Guid?>(
                new CommandDefinition(
                    ClaimSql,
                    new
                    {
                        e.EventId,
                        e.TaskId,
                        e.DueAt,
                        now = clock.DbNow(),
                    },
                    cancellationToken: ct
                )
            );
            if (owner != e.EventId)
            {
                return;
            }

            recipients = (
                await connection.QueryAsync<Guid>(new CommandDefinition(RecipientsSql, new { e.TaskId }, cancellationToken: ct))
            ).ToArray();
        }

        if (await notifier.TaskAsync(e.TaskId, ct) is not { } task)
        {
            return;
        }

        await notifier.NotifyAsync(
            new NotificationDraft(
                e.WorkspaceId,
                NotificationKinds.Reminder,
                e.EventId,
                task.ProjectId,
                task.Id,
                null,
                null,
                $"Due {e.DueAt:yyyy-MM-dd HH:mm} UTC: {task.Title}",
                null
            ),
            recipients,
            ct
        );
    }
}
