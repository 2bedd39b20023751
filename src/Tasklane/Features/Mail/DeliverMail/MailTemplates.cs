using System.Net;
using MimeKit;

namespace Tasklane.Features.Mail.DeliverMail;

/// <summary>What a mail says, in plain text and HTML (multipart/alternative); pure.</summary>
public static class MailTemplates
{
    public sealed record Content(string Subject, string Text, string Html);

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
