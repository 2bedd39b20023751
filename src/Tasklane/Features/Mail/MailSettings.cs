using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Mail;

/// <summary>
/// The <c>Mail</c> configuration section: the SMTP server the worker sends through. Without <see cref="Host"/> no mail
/// is sent: password resets and verifications answer 503, invitations are made without a mail.
/// </summary>
public sealed class MailSettings : ISingletonService
{
    public MailSettings(IConfiguration config)
    {
        config.GetSection("Mail").Bind(this);
    }

    /// <summary>SMTP server; empty: mail is not configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c>, <c>Auto</c> or <c>None</c> (a local catcher only).</summary>
    public string Security { get; set; } = "StartTls";

    /// <summary>SMTP user; empty: no authentication.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, as <c>Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; set; } = "Tasklane <no-reply@localhost>";

    /// <summary>Where people open the web app; links in mails start with it (e.g. <c>https://tasks.example.com</c>).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>A server that has not answered a step within this many seconds fails the attempt (it is retried).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>A link into the web app: <paramref name="path"/> after <see cref="PublicBaseUrl"/>.</summary>
    public string Link(string path) => (PublicBaseUrl ?? "http://localhost:8080").TrimEnd('/') + path;
}
