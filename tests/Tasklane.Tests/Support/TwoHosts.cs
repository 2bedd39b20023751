namespace Tasklane.Tests.Support;

/// <summary>
/// Where a security test's request is answered, and what the hosts have cached by then. The single-host runs cannot
/// see a fact that changes on its way through Redis (L2): only a host that did not load it reads it back from there.
/// </summary>
public enum CachePath
{
    /// <summary>The request alone, on host A: nothing cached for the caller yet.</summary>
    Cold,

    /// <summary>The caller reads on host A first (its facts land in A's memory and in Redis), then the request goes to A.</summary>
    WarmOnSameHost,

    /// <summary>The caller reads on host A first, then the request goes to host B, which finds the facts only in Redis.</summary>
    WarmOnOtherHost,
}

public static class TwoHosts
{
    public static readonly CachePath[] AllPaths = [CachePath.Cold, CachePath.WarmOnSameHost, CachePath.WarmOnOtherHost];

    /// <summary>The host <paramref name="path"/> sends the request under test to.</summary>
    public static TasklaneHosts Answering(CachePath path) =>
        path == CachePath.WarmOnOtherHost ? TestEnvironment.HostB : TestEnvironment.Hosts;

    /// <summary>
    /// An HTTP client that sends each request to the other host in turn (A, B, A, …), like a round-robin load balancer.
    /// </summary>
    public static HttpClient Alternating() =>
        new(new AlternatingHandler([TestEnvironment.Hosts.BaseAddress, TestEnvironment.HostB.BaseAddress]))
        {
            BaseAddress = new Uri(TestEnvironment.Hosts.BaseAddress, "/api/v1/"),
        };

    private sealed class AlternatingHandler(Uri[] hosts) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next = -1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var host = hosts[(int)((uint)Interlocked.Increment(ref _next) % hosts.Length)];
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = host.Host, Port = host.Port }.Uri;
            return base.SendAsync(request, ct);
        }
    }
}
