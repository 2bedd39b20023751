using Tasklane.Features.Mail;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Notifications;

/// <summary>
/// Notification mail: records the notification's mail and queues it for the worker's mail queue, in one transaction.
/// "immediate": a mail of its own, sent at once. "digest": it joins the digest of its period, whose mail the period's
/// first notification scheduled for the period's end. "off" (or no mail server): nothing. The row in
/// <c>notification_mails</c> is keyed like the notification (user, cause, kind), so a redelivered cause queues
/// nothing twice; the mail itself is then sent once by the mail queue's handler (claimed in <c>mail_deliveries</c>).
/// </summary>
public sealed class MailNotificationChannel(Outbox outbox, MailSettings settings, TimeProvider clock)
    : INotificationChannel,
        ISingletonService
{
    private static readonly string ModeSql = Sql.Load(typeof(MailNotificationChannel), "NotificationMailMode.sql");
    private static readonly string DigestSql = Sql.Load(typeof(MailNotificationChannel), "RecordNotificationDigest.sql");
    private static readonly string RecordSql = Sql.Load(typeof(MailNotificationChannel), "RecordNotificationMail.sql");
    private static readonly string QueueSql = Sql.Load(typeof(MailNotificationChannel), "QueueNotificationMail.sql");

    public async Task DeliverAsync(Notification n, CancellationToken ct)
    {
        if (!settings.Configured)
        {
            return;
        }

        var now = clock.DbNow();
        await using var tx = await outbox.BeginAsync(ct);
        var mode = await tx.QuerySingleAsync<string>(ModeSql, new { n.UserId, Default = settings.NotificationDefault }, ct);
        if (mode is not (NotificationMail.Immediate or NotificationMail.Digest))
        {
            return;
        }

        var mailId = Guid.CreateVersion7();
        // The mail this notification makes, if any: its own, or the digest of its period when it is the first there.
        var newMail = (string?)MailKind.Notification;
        DateTimeOffset? sendAt = null;
        if (mode == NotificationMail.Digest)
        {
            var periodStart = NotificationMail.PeriodStart(now, settings.DigestPeriod, settings.DigestAt);
            var digest = await tx.QuerySingleAsync<Guid>(
                DigestSql,
                new
                {
                    n.UserId,
                    PeriodStart = periodStart,
                    MailId = mailId,
                },
                ct
            );
            newMail = digest == mailId ? MailKind.Digest : null;
            mailId = digest;
            sendAt = new DateTimeOffset(NotificationMail.DigestSendAt(periodStart, settings.DigestPeriod), TimeSpan.Zero);
        }

        var recorded = await tx.ExecuteAsync(
            RecordSql,
            new
            {
                n.UserId,
                n.SourceId,
                n.Kind,
                MailId = mailId,
                Now = now,
            },
            ct
        );
        if (recorded == 0)
        {
            return; // a redelivered cause: its mail is queued already (the transaction rolls back)
        }

        if (newMail is { } kind)
        {
            var token = SessionStore.NewToken();
            await tx.ExecuteAsync(
                QueueSql,
                new
                {
                    MailId = mailId,
                    Kind = kind,
                    Now = now,
                    TokenHash = SessionStore.Hash(token),
                    n.UserId,
                },
                ct
            );
            var message = new SendMail(mailId, kind, mailId, token);
            if (sendAt is { } at)
            {
                tx.Schedule(message, at);
            }
            else
            {
                tx.Send(message);
            }
        }

        await tx.CommitAsync(ct);
    }
}
