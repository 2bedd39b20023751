using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Mail.DeliverMail;

/// <summary>A live claim of another attempt on the same mail: try again later (the claim expires after a stall).</summary>
public sealed class MailClaimedElsewhereException(Guid mailId) : Exception($"Mail {mailId} is being sent by another attempt.");

/// <summary>
/// Worker, on the mail queue: builds the mail from the database and sends it through SMTP, exactly once per mail id as
/// far as SMTP allows. The row in <c>mail_deliveries</c> is claimed first (a message handled twice finds it claimed or
/// sent), the SMTP conversation holds no database connection, and the row is marked sent after. A worker that dies
/// between the claim and the mark leaves a claim that another attempt takes over after
/// <see cref="MailSettings.ClaimTakeoverSeconds"/>.
/// </summary>
[StickyHandler(Queues.Mail)]
public static class DeliverMailHandler
{
    private static readonly string Claim = Sql.Load(typeof(DeliverMailHandler), "Claim.sql");
    private static readonly string Status = Sql.Load(typeof(DeliverMailHandler), "DeliveryStatus.sql");
    private static readonly string Finish = Sql.Load(typeof(DeliverMailHandler), "Finish.sql");
    private static readonly string User = Sql.Load(typeof(DeliverMailHandler), "MailUser.sql");
    private static readonly string Invitation = Sql.Load(typeof(DeliverMailHandler), "MailInvitation.sql");
    private static readonly string Notifications = Sql.Load(typeof(DeliverMailHandler), "MailNotifications.sql");

    private sealed record MailUser(string Email, string DisplayName);

    private sealed record MailInvitation(string Email, string WorkspaceName, string InviterName, DateTime ExpiresAt);

    /// <remarks>
    /// A failed send is retried from 2 s up to an hour apart (about 3 hours in all), then the message is dead-lettered;
    /// the links' tokens expire within that time or soon after anyway.
    /// </remarks>
    [ScheduleRetry(typeof(Exception), 2, 10, 60, 300, 900, 1800, 3600, 3600)]
    public static async Task Handle(
        SendMail message,
        NpgsqlDataSource db,
        MailSender sender,
        MailSettings settings,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        MailTemplates.Content? content;
        string? to;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            var claimed = await connection.QuerySingleOrDefaultAsync<Guid?>(
                new CommandDefinition(
                    Claim,
                    new
                    {
                        message.MailId,
                        message.Kind,
                        Now = now,
                        StaleBefore = now - settings.ClaimTakeover,
                    },
                    cancellationToken: ct
                )
            );
            if (claimed is null)
            {
                var status = await connection.QuerySingleAsync<string>(new CommandDefinition(Status, message, cancellationToken: ct));
                if (status is "sent" or "skipped")
                {
                    return; // a repeated message: done already
                }

                throw new MailClaimedElsewhereException(message.MailId);
            }

            (to, content) = await ComposeAsync(connection, message, settings, now, ct);
            if (to is null || content is null)
            {
                // The user or invitation is gone, or the token was used, renewed or expired: nothing worth sending.
                await FinishAsync(connection, message.MailId, "skipped", now, null, ct);
                return;
            }
        }

        try
        {
            await sender.SendAsync(MailTemplates.Message(message.MailId, settings.From, to, content), ct);
        }
        catch (Exception e)
        {
            await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
            // The exception's message only: SMTP errors name the server's reply, never the mail's content.
            await FinishAsync(connection, message.MailId, "pending", now, $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
            throw;
        }

        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            await FinishAsync(connection, message.MailId, "sent", now, null, ct);
        }
    }

    private static async Task<(string? To, MailTemplates.Content? Content)> ComposeAsync(
        NpgsqlConnection connection,
        SendMail message,
        MailSettings settings,
        DateTime now,
        CancellationToken ct
    )
    {
        var args = new
        {
            message.SubjectId,
            message.Kind,
            TokenHash = message.Token is null ? null : SessionStore.Hash(message.Token),
            Now = now,
        };
        // The token rides in the URL fragment: browsers send no fragment to any server, so it reaches no access log.
        var token = Uri.EscapeDataString(message.Token ?? "");
        switch (message.Kind)
        {
            case MailKind.PasswordReset or MailKind.EmailVerification:
                var user = await connection.QuerySingleOrDefaultAsync<MailUser>(new CommandDefinition(User, args, cancellationToken: ct));
                if (user is null)
                {
                    return (null, null);
                }

                return message.Kind == MailKind.PasswordReset
                    ? (user.Email, MailTemplates.PasswordReset(user.DisplayName, settings.Link($"/reset-password#token={token}")))
                    : (user.Email, MailTemplates.EmailVerification(user.DisplayName, settings.Link($"/verify-email#token={token}")));
            case MailKind.Invitation:
                var invitation = await connection.QuerySingleOrDefaultAsync<MailInvitation>(
                    new CommandDefinition(Invitation, args, cancellationToken: ct)
                );
                return invitation is null
                    ? (null, null)
                    : (
                        invitation.Email,
                        MailTemplates.Invitation(
                            invitation.InviterName,
                            invitation.WorkspaceName,
                            invitation.ExpiresAt,
                            settings.Link($"/invitations/accept#token={token}")
                        )
                    );
            case MailKind.Notification or MailKind.Digest:
                var items = (
                    await connection.QueryAsync<MailTemplates.NotificationItem>(
                        new CommandDefinition(Notifications, new { message.SubjectId, settings.NotificationDefault }, cancellationToken: ct)
                    )
                ).AsList();
                if (items.Count == 0)
                {
                    return (null, null); // turned off meanwhile, or the notifications are gone
                }

                // RFC 8058 one-click: the mail client POSTs to this URL; a person opening it gets a page with one button.
                var unsubscribe = settings.Link(ApiRoutes.Path($"notification-preferences/unsubscribe/{token}"));
                return (
                    items[0].Email,
                    message.Kind == MailKind.Notification
                        ? MailTemplates.Notification(items[0], TaskLink(settings, items[0]), unsubscribe)
                        : MailTemplates.Digest(items, i => TaskLink(settings, i), unsubscribe)
                );
            default:
                return (null, null);
        }
    }

    /// <summary>The task's page in the web app (its home page for a notification without a task).</summary>
    private static string TaskLink(MailSettings settings, MailTemplates.NotificationItem item) =>
        settings.Link(item.TaskId is { } id ? $"/t/{id}" : "/");

    private static Task FinishAsync(
        NpgsqlConnection connection,
        Guid mailId,
        string status,
        DateTime claimedAt,
        string? error,
        CancellationToken ct
    ) =>
        connection.ExecuteAsync(
            new CommandDefinition(
                Finish,
                new
                {
                    MailId = mailId,
                    Status = status,
                    ClaimedAt = claimedAt,
                    Now = claimedAt,
                    Error = error,
                },
                cancellationToken: ct
            )
        );
}
