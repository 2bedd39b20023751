using Microsoft.Extensions.Configuration;

namespace Tasklane.Infrastructure.Retention;

/// <summary>The <c>Retention</c> configuration section (validated at start by SettingsValidator); every value has a default.</summary>
public sealed class RetentionSettings : ISingletonService
{
    /// <summary>The most rows one purge statement deletes: it locks them, and only them, for the length of its transaction.</summary>
    public const int MaxBatchSize = 50_000;

    public RetentionSettings(IConfiguration config)
    {
        config.GetSection("Retention").Bind(this);
    }

    /// <summary>False keeps everything: the worker runs no purge.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Activity entries older than this (by when the change happened) leave every feed.</summary>
    public int ActivityDays { get; set; } = 365;

    /// <summary>Notifications read longer ago than this; unread ones are kept.</summary>
    public int ReadNotificationDays { get; set; } = 90;

    /// <summary>Webhook deliveries (with their attempts) not touched for this long, unless still pending.</summary>
    public int WebhookDeliveryDays { get; set; } = 30;

    /// <summary>
    /// The change log behind the event stream and the change feed: a client whose cursor is older must resync (load
    /// the state again). Changes are small; a month covers a phone left in a drawer over a holiday.
    /// </summary>
    public int ChangeDays { get; set; } = 30;

    /// <summary>
    /// Mail deliveries (by when the mail was queued; their retries end within hours) and mailed tokens (by when they
    /// expired: spent or not, they open nothing any more).
    /// </summary>
    public int MailDays { get; set; } = 30;

    /// <summary>Wolverine's dead letters (messages that failed every retry), by when they failed.</summary>
    public int DeadLetterDays { get; set; } = 30;

    /// <summary>Time between purges; each worker also purges once when it starts.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Rows per delete statement (its own transaction).</summary>
    public int BatchSize { get; set; } = 5000;
}
