using Dapper;
using Npgsql;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Notifications;

/// <summary>A user's notification mail preference, shared by the preference endpoints and the unsubscribe link.</summary>
public static class NotificationPreferences
{
    private static readonly string ModeSql = Sql.Load(typeof(NotificationPreferences), "NotificationMailMode.sql");
    private static readonly string SetSql = Sql.Load(typeof(NotificationPreferences), "SetNotificationMail.sql");

    /// <summary>The user's choice (a <see cref="NotificationMail"/> mode), or the deployment's default.</summary>
    public static async Task<NotificationPreferencesResponse> GetAsync(
        NpgsqlDataSource db,
        Guid userId,
        MailSettings settings,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var mail = await connection.QuerySingleAsync<string>(
            new CommandDefinition(ModeSql, new { UserId = userId, Default = settings.NotificationDefault }, cancellationToken: ct)
        );
        return new NotificationPreferencesResponse(mail);
    }

    public static async Task SetAsync(NpgsqlDataSource db, Guid userId, string mail, DateTime now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(
            new CommandDefinition(
                SetSql,
                new
                {
                    UserId = userId,
                    Mail = mail,
                    Now = now,
                },
                cancellationToken: ct
            )
        );
    }
}
