using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Notifications;

/// <summary>The <c>Reminders</c> configuration section.</summary>
public sealed class ReminderSettings : ISingletonService
{
    public ReminderSettings(IConfiguration config)
    {
        config.GetSection("Reminders").Bind(this);
    }

    /// <summary>How long before the due date the reminder fires (a TimeSpan, e.g. "01:00:00"; 0 fires at the due date).</summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromHours(1);
}
