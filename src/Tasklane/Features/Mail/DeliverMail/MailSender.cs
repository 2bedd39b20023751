using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Mail.DeliverMail;

/// <summary>Hands one message to the configured SMTP server (MailKit), one connection per mail.</summary>
public sealed class MailSender(MailSettings settings) : ISingletonService
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true);
        await smtp.ConnectAsync(
            settings.Host ?? throw new InvalidOperationException("Mail:Host is not configured."),
            settings.Port,
            security,
            ct
        );
        if (!string.IsNullOrEmpty(settings.User))
        {
            await smtp.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
