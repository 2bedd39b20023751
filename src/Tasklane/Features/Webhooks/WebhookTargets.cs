using System.Net;
using System.Net.Sockets;

namespace Tasklane.Features.Webhooks;

/// <summary>A webhook target that resolves only to addresses webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// SSRF protection: which addresses a webhook may reach. Checked when a URL is registered (a clear 400) and
/// again on every connect, against the address actually dialled, so a DNS answer that changes after
/// registration (rebinding) cannot reach the internal network.
/// </summary>
public static class WebhookTargets
{
    /// <summary>False for loopback, link-local, private, CGNAT, "this network", multicast and reserved addresses (IPv4-mapped IPv6 too).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                    // 10/8
                || b[0] == 127                                   // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64/10 carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
                || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16/12
                || (b[0] == 192 && b[1] == 168)                  // 192.168/16
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0/24 protocol assignments
                || (b[0] == 198 && (b[1] & 0xFE) == 18)          // 198.18/15 benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6Loopback)
                || address.Equals(IPAddress.IPv6None)            // ::
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)       // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)       // fec0::/10 site-local (deprecated, still private)
                || (b[0] & 0xFE) == 0xFC                         // fc00::/7 unique local
                || b[0] == 0xFF                                  // multicast
                || (b.Take(12).All(x => x == 0) && !IsPublic(new IPAddress(b[12..])))); // ::a.b.c.d IPv4-compatible
        }

        return false;
    }

    /// <summary>
    /// Why a registered URL's host is refused, or null. IP literals and "localhost" are judged as they are; a
    /// name is resolved and refused if any address is not public. A name that does not resolve (yet) is
    /// accepted: the connect-time check still guards it.
    /// </summary>
    public static async Task<string?> RefusalAsync(Uri url, WebhookSettings settings, CancellationToken ct)
    {
        if (settings.AllowPrivateTargets)
        {
            return null;
        }

        var host = url.IdnHost;
        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(url.Host);
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return null;
            }
        }

        return addresses.All(IsPublic) ? null : Refused(url.Host);
    }

    /// <summary>
    /// The handler of the webhook HttpClient: no redirects (a 3xx is an answer, not a way around the checks), no
    /// proxy (it would be checked instead of the target), no cookies, and a connect step that dials only
    /// allowed addresses.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookSettings settings) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = settings.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, settings.AllowPrivateTargets, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowPrivate, CancellationToken ct)
    {
        var resolved = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        var allowed = allowPrivate ? resolved : resolved.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(Refused(target.Host));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, target.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refused(string host) =>
        $"{host} is a loopback, link-local or private address, which webhooks may not reach (Webhooks:AllowPrivateTargets is off).";
}
