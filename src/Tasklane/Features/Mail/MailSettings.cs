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

    /// <summary>
    /// How long a claim on a mail must be held before another attempt may take it over (a worker that died mid-send);
    /// longer than any SMTP conversation can take (<see cref="TimeoutSeconds"/> per step).
    /// </summary>
    public int ClaimTakeoverSeconds { get; set; } = 300;

    /// <summary>
    /// Notification mail of users who never chose (<c>immediate</c>, <c>digest</c> or <c>off</c>); their choice in
    /// <c>PUT /me/notification-preferences</c> wins.
    /// </summary>
    public string NotificationDefault { get; set; } = "immediate";

    /// <summary>
    /// What one digest gathers: the notifications of one period (a day); a period starts at <see cref="DigestAt"/> and
    /// its digest goes out when it ends.
    /// </summary>
    public TimeSpan DigestPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The time of day (UTC) periods start and digests go out; with a shorter period, the offset of its boundaries from midnight.</summary>
    public TimeSpan DigestAt { get; set; } = TimeSpan.FromHours(7);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public TimeSpan ClaimTakeover => TimeSpan.FromSeconds(ClaimTakeoverSeconds);

    /// <summary>A link into the web app: <paramref name="path"/> after <see cref="PublicBaseUrl"/>.</summary>
    public string Link(string path) => (PublicBaseUrl ?? "http://localhost:8080").TrimEnd('/') + path;
}
