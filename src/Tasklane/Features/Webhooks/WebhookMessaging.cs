using Microsoft.Extensions.Logging;
using Tasklane.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Postgresql;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// Webhooks' part of the Wolverine set-up, applied on both hosts when Wolverine builds its options (Wolverine applies
/// every <see cref="IWolverineExtension"/> in the container; the services scan registers this one). Deliveries travel
/// on their own durable Postgres queue (<see cref="Queues.Webhooks"/>, the DeliverWebhookHandler's), consumed in
/// parallel by the worker only: a slow or dead receiver occupies one of its slots for at most the timeout, and never a
/// queue that carries events.
/// </summary>
public sealed partial class WebhookMessaging(WebhookSettings settings, RunningHost host, ILogger<WebhookMessaging> logger)
    : IWolverineExtension
{
    public void Configure(WolverineOptions options)
    {
        // Both hosts: the API checks URLs, the worker dials them. A setting meant for a local receiver must not reach
        // production unnoticed, where it would let any workspace admin make the worker call the internal network and
        // the cloud metadata service.
        if (settings.AllowPrivateTargets)
        {
            LogGuardOff(logger);
        }

        if (host.Role == HostRole.Worker)
        {
            options.ListenToPostgresqlQueue(Queues.Webhooks).MaximumParallelMessages(settings.Parallelism);
        }
    }

    [LoggerMessage(
        LogLevel.Warning,
        "Webhooks:AllowPrivateTargets is on: webhooks may reach loopback, private, link-local and cloud metadata addresses "
            + "(the SSRF guard is off). Leave it off unless every workspace admin may reach this host's network."
    )]
    private static partial void LogGuardOff(ILogger logger);
}
