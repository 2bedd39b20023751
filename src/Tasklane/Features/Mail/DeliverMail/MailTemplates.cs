using System.Net;
using MimeKit;

namespace Tasklane.Features.Mail.DeliverMail;

/// <summary>What a mail says, in plain text and HTML (multipart/alternative); pure.</summary>
public static class MailTemplates
{
    /// <summary>A mail's subject and bodies; <c>Unsubscribe</c> is the one-click unsubscribe URL of notification mail (RFC 8058 headers).</summary>
    public sealed record Content(string Subject, string Text, string Html, string? Unsubscribe = null);

    /// <summary>One notification as a mail tells it (a row of MailNotifications.sql).</summary>
    public sealed record NotificationItem(
        string Email,
        string DisplayName,
        string Kind,
        string Title,
        string? Excerpt,
        Guid? TaskId,
        string? TaskTitle,
        string? ActorName,
        DateTime CreatedAt
    );

    /// <summary>Subjects and lines quote a task's title at most this long.</summary>
    private const int TitleMax = 120;

    private const string SettingsNote = "You get this mail because of your Tasklane notification settings (immediate, digest or off).";

    /// <summary>One notification: who did what on which task, the excerpt, the task's link and the unsubscribe link.</summary>
    public static Content Notification(NotificationItem item, string taskLink, string unsubscribe)
    {
        var what = What(item);
        var quote = item.Excerpt is { Length: > 0 } excerpt ? excerpt : null;
        var text =
            $"Hello {item.DisplayName},\n\n{what}\n\n"
            + (quote is null ? "" : string.Join('\n', quote.Split('\n').Select(l => "> " + l)) + "\n\n")
            + $"Open the task:\n{taskLink}\n\n--\n{SettingsNote}\nUnsubscribe from notification mail:\n{unsubscribe}\n";
        var block = quote is null
            ? ""
            : $"<blockquote style=\"color: #444; border-left: 3px solid #ccc; margin: 0; padding-left: 8px\">{E(quote)}</blockquote>";
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>{E($"Hello {item.DisplayName},")}</p>
            <p>{E(what)}</p>
            {block}
            <p><a href="{E(taskLink)}">Open the task</a></p>
            <p style="color: #666; font-size: small">{E(SettingsNote)}<br><a href="{E(
                unsubscribe
            )}">Unsubscribe from notification mail</a></p>
            </body></html>
            """;
        return new Content(Subject(item), text, html, unsubscribe);
    }

    /// <summary>A period's notifications in one mail, oldest first, each with its excerpt and its task's link.</summary>
    public static Content Digest(IReadOnlyList<NotificationItem> items, Func<NotificationItem, string> taskLink, string unsubscribe)
    {
        var subject =
            items.Count == 1 ? $"Your Tasklane digest: {Subject(items[0])}" : $"Your Tasklane digest: {items.Count} notifications";
        var lines = items.Select(i =>
            $"- {What(i)}\n" + (i.Excerpt is { Length: > 0 } x ? $"  \"{Cut(x.ReplaceLineEndings(" "))}\"\n" : "") + $"  {taskLink(i)}\n"
        );
        var text =
            $"Hello {items[0].DisplayName},\n\nhere is what happened on Tasklane:\n\n{string.Concat(lines)}\n--\n{SettingsNote}\n"
            + $"Unsubscribe from notification mail:\n{unsubscribe}\n";
        var entries = items.Select(i =>
            $"<li><a href=\"{E(taskLink(i))}\">{E(What(i))}</a>"
            + (i.Excerpt is { Length: > 0 } x ? $"<br><span style=\"color: #444\">{E(Cut(x.ReplaceLineEndings(" ")))}</span>" : "")
            + "</li>"
        );
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>{E($"Hello {items[0].DisplayName},")}</p>
            <p>here is what happened on Tasklane:</p>
            <ul>{string.Concat(entries)}</ul>
            <p style="color: #666; font-size: small">{E(SettingsNote)}<br><a href="{E(
                unsubscribe
            )}">Unsubscribe from notification mail</a></p>
            </body></html>
            """;
        return new Content(subject, text, html, unsubscribe);
    }

    /// <summary>Who did what, in one sentence; a reminder (nobody acted) says what its notification says.</summary>
    private static string What(NotificationItem item)
    {
        var actor = item.ActorName ?? "Someone";
        var task = $"\"{Cut(item.TaskTitle ?? item.Title)}\"";
        return item.Kind switch
        {
            "mention" => $"{actor} mentioned you on {task}.",
            "assignment" => $"{actor} assigned you to {task}.",
            "comment" => $"{actor} commented on {task}.",
            "reminder" => $"Reminder: {item.Title}",
            _ => item.Title,
        };
    }

    private static string Subject(NotificationItem item) => What(item).TrimEnd('.');

    private static string Cut(string value) => value.Length <= TitleMax ? value : string.Concat(value.AsSpan(0, TitleMax - 1), "…");

    public static Content PasswordReset(string displayName, string link) =>
        Build(
            "Reset your Tasklane password",
            $"Hello {displayName},",
            "someone (hopefully you) asked to reset the password of your Tasklane account. Open this link within an hour to choose a new one:",
            link,
            "Choose a new password",
            "If you did not ask for this, ignore this mail: your password stays as it is."
        );

    public static Content EmailVerification(string displayName, string link) =>
        Build(
            "Confirm your email address for Tasklane",
            $"Hello {displayName},",
            "please confirm that this address belongs to your Tasklane account by opening this link within 24 hours:",
            link,
            "Confirm my address",
            "If you did not ask for this, ignore this mail."
        );

    public static Content Invitation(string inviterName, string workspaceName, DateTime expiresAt, string link) =>
        Build(
            $"{inviterName} invited you to {workspaceName} on Tasklane",
            "Hello,",
            $"{inviterName} invited you to join the workspace \"{workspaceName}\" on Tasklane. Sign in (or register) with this email address and accept before {expiresAt:yyyy-MM-dd HH:mm} UTC:",
            link,
            "Accept the invitation",
            "If you do not know the sender, ignore this mail."
        );

    public static MimeMessage Message(Guid mailId, string from, string to, Content content)
    {
        var message = new MimeMessage
        {
            Subject = content.Subject,
            // Stable per mail: a mail sent twice (a worker died between sending and recording it) is recognisably one.
            MessageId = $"{mailId}@tasklane",
            Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody(),
        };
        if (content.Unsubscribe is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and POST "List-Unsubscribe=One-Click" to the URL.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static Content Build(string subject, string greeting, string intro, string link, string button, string footer)
    {
        var text = $"{greeting}\n\n{intro}\n\n{link}\n\n{footer}\n";
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>{E(greeting)}</p>
            <p>{E(intro)}</p>
            <p><a href="{E(link)}">{E(button)}</a></p>
            <p style="color: #666; font-size: small">{E(footer)}<br>{E(link)}</p>
            </body></html>
            """;
        return new Content(subject, text, html);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
