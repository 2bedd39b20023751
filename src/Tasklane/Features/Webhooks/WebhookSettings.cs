using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section; every value has a default.</summary>
public sealed class WebhookSettings : ISingletonService
{
    /// <summary>About 24 hours in all: quick retries for blips, then hours apart for outages.</summary>
    public static readonly double[] DefaultRetryDelaysSeconds = [10, 30, 120, 300, 900, 1800, 3600, 7200, 14400, 28800, 28800];

    public WebhookSettings(IConfiguration config)
    {
        config.GetSection("Webhooks").Bind(this);
    }

    /// <summary>
    /// Off by default: targets on loopback, link-local and private addresses are refused (SSRF protection).
    /// Self-hosted setups whose receivers live on the private network, and tests, turn it on.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>A receiver that has not answered within this many seconds counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The wait before each retry (before jitter); after the last one fails the delivery is dead. A nullable
    /// array so that configuring a list replaces the defaults instead of appending to them.
    /// </summary>
    public double[]? RetryDelaysSeconds { get; set; }

    /// <summary>Each delay is stretched or shrunk by up to this fraction at random, so retries from one outage spread out.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>How many deliveries one worker sends at once; a slow receiver holds one slot, never the others.</summary>
    public int Parallelism { get; set; } = 16;

    public IReadOnlyList<double> RetryDelays => RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultRetryDelaysSeconds;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
