using Microsoft.Extensions.Configuration;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Changes;

/// <summary>The <c>Stream</c> configuration section (the event stream, validated at start); every value has a default.</summary>
public sealed class StreamSettings : ISingletonService
{
    public StreamSettings(IConfiguration config)
    {
        config.GetSection("Stream").Bind(this);
    }

    /// <summary>A comment line this often keeps proxies from closing an idle stream and finds dead clients.</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>How often a stream checks that its token is still valid and its user still a member.</summary>
    public double RecheckSeconds { get; set; } = 5;

    /// <summary>Changes waiting for one stream; a client further behind is disconnected and resumes from the log.</summary>
    public int BufferedChanges { get; set; } = 512;

    /// <summary>Open streams per user, across all hosts.</summary>
    public int ConnectionsPerUser { get; set; } = 10;

    /// <summary>How often each host reads the log without a wake-up.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>The longest a stream waits to hand its client data before it gives up on the client.</summary>
    public double WriteTimeoutSeconds { get; set; } = 10;
}
