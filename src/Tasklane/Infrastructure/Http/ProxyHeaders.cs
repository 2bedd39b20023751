using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> from a load balancer, trusted only when the connection comes from one of
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR), each a list
/// (<c>__0</c>, <c>__1</c>, …) or one comma-separated value. The framework's default trusts loopback; that default
/// is dropped. With nothing configured the middleware is not added at all: with both lists empty it would trust
/// every connection, and a client could pick the IP the rate limiter counts by sending the header itself.
/// With <c>ForwardLimit</c> 1 (the default) only the last address, the one the trusted proxy appended, is used.
/// </summary>
public static class ProxyHeaders
{
    public static IServiceCollection AddTasklaneForwardedHeaders(this IServiceCollection services, IConfiguration config)
    {
        var proxies = List(config, "ForwardedHeaders:KnownProxies").Select(IPAddress.Parse).ToList();
        var networks = List(config, "ForwardedHeaders:KnownNetworks").Select(IPNetwork.Parse).ToList();
        var limit = config.GetValue("ForwardedHeaders:ForwardLimit", 1);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = limit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline: everything after it (rate limits, logs, HTTPS decisions) sees the real client. Only when a
    /// proxy is configured: ASP.NET Core's middleware checks the sender against the lists only when one is non-empty.
    /// </summary>
    public static IApplicationBuilder UseTasklaneForwardedHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count + options.KnownIPNetworks.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    internal static string? CheckProxies(string value) =>
        Split(value).All(p => IPAddress.TryParse(p, out _)) ? null : "must be IP addresses, comma-separated";

    internal static string? CheckNetworks(string value) =>
        Split(value).All(n => IPNetwork.TryParse(n, out _)) ? null : "must be CIDR networks (10.0.0.0/8), comma-separated";

    private static IEnumerable<string> List(IConfiguration config, string key) =>
        config[key] is { Length: > 0 } joined
            ? Split(joined)
            : config.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().SelectMany(Split);

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
