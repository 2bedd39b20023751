using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// Says at start, in every API and worker host, when the SSRF guard is off: a setting meant for a local receiver
/// must not reach production unnoticed, where it would let any workspace admin make the worker call the internal
/// network and the cloud metadata service.
/// </summary>
public sealed partial class WebhookGuardWarning(WebhookSettings settings, ILogger<WebhookGuardWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.AllowPrivateTargets)
        {
            LogGuardOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning,
        "Webhooks:AllowPrivateTargets is on: webhooks may reach loopback, private, link-local and cloud metadata addresses " +
        "(the SSRF guard is off). Leave it off unless every workspace admin may reach this host's network.")]
    private static partial void LogGuardOff(ILogger logger);
}
