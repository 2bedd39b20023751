using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Postgresql;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// Deliveries travel on their own durable Postgres queue (<see cref="Queues.Webhooks"/>, the DeliverWebhookHandler's),
/// consumed in parallel by the worker only: a slow or dead receiver occupies one of its slots for at most the timeout,
/// and never a queue that carries events.
/// </summary>
public static class WebhookMessaging
{
    public const string HttpClientName = "webhooks";

    public static void Configure(WolverineOptions opts, IConfiguration config, HostRole role)
    {
        opts.Services.AddHostedService<WebhookGuardWarning>(); // both hosts: the API checks URLs, the worker dials them
        if (role != HostRole.Worker)
        {
            return;
        }

        var settings = new WebhookSettings(config);
        opts.ListenToPostgresqlQueue(Queues.Webhooks).MaximumParallelMessages(settings.Parallelism);

        // The timeout is enforced per request by the sender, so the client itself never times out first.
        opts.Services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookTargets.Handler(sp.GetRequiredService<WebhookSettings>()));
    }
}
