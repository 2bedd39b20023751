using System.Net;
using System.Net.Sockets;

namespace Tasklane.Features.Webhooks;

/// <summary>A webhook target that resolves only to addresses webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>What webhooks may do with an address in an <see cref="AddressBlock"/>.</summary>
public enum BlockRule
{
    /// <summary>Never dialled.</summary>
    Refused,

    /// <summary>Judged by the IPv4 address in its last 32 bits, which is what is dialled in the end.</summary>
    EmbeddedIPv4,
}

/// <summary>A range of addresses, why it is special (<paramref name="Name"/>, <paramref name="Reference"/>) and the rule for it.</summary>
public sealed record AddressBlock(IPNetwork Network, string Name, string Reference, BlockRule Rule);

/// <summary>
/// SSRF protection: which addresses a webhook may reach. Checked when a URL is registered (a clear 400) and
/// again on every connect, against the address actually dialled, so a DNS answer that changes after
/// registration (rebinding) cannot reach the internal network.
/// </summary>
public static class WebhookTargets
{
    /// <summary>
    /// Every address that is not an ordinary public one: each row of the IANA IPv4 and IPv6 Special-Purpose Address
    /// Registries (IPv6 as updated 2025-10-09), IPv4 multicast, everything outside IPv6 global unicast (2000::/3) by the
    /// IPv6 Address Space registry, and cloud metadata services. An address takes the rule of the most specific block
    /// that contains it; an address in no block is public.
    /// </summary>
    /// <remarks>
    /// Rows the registry calls globally reachable are refused too: they are anycast services whose nearest instance is
    /// usually the caller's own network (PCP, TURN, DNS-SD, AMT, AS112) or identifiers that are not routed (ORCHIDv2, DETs),
    /// and no webhook receiver lives there. Of the forms that carry an IPv4 address only IPv4-mapped (a dual-stack socket
    /// dials the IPv4 address) and the NAT64 well-known prefix (DNS64 answers it for every IPv4-only receiver) are judged
    /// by that address; 6to4, Teredo, local-use NAT64 and IPv4-compatible are refused whatever they carry, as deprecated
    /// or local transition schemes whose relays this guard cannot see.
    /// </remarks>
    public static readonly IReadOnlyList<AddressBlock> Blocks =
    [
        // IANA IPv4 Special-Purpose Address Registry.
        Refuse("0.0.0.0/8", "\"This network\"", "RFC 791"),
        Refuse("0.0.0.0/32", "\"This host on this network\"", "RFC 1122"),
        Refuse("10.0.0.0/8", "Private-Use", "RFC 1918"),
        Refuse("100.64.0.0/10", "Shared Address Space (carrier-grade NAT)", "RFC 6598"),
        Refuse("127.0.0.0/8", "Loopback", "RFC 1122"),
        Refuse("169.254.0.0/16", "Link Local", "RFC 3927"),
        Refuse("172.16.0.0/12", "Private-Use", "RFC 1918"),
        Refuse("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890"),
        Refuse("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335"),
        Refuse("192.0.0.8/32", "IPv4 dummy address", "RFC 7600"),
        Refuse("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723"),
        Refuse("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
        Refuse("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880"),
        Refuse("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880"),
        Refuse("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
        Refuse("192.31.196.0/24", "AS112-v4", "RFC 7535"),
        Refuse("192.52.193.0/24", "AMT", "RFC 7450"),
        Refuse("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
        Refuse("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751"),
        Refuse("192.168.0.0/16", "Private-Use", "RFC 1918"),
        Refuse("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534"),
        Refuse("198.18.0.0/15", "Benchmarking", "RFC 2544"),
        Refuse("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
        Refuse("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
        Refuse("240.0.0.0/4", "Reserved", "RFC 1112"),
        Refuse("255.255.255.255/32", "Limited Broadcast", "RFC 919"),
        // IANA IPv4 Address Space registry.
        Refuse("224.0.0.0/4", "Multicast", "RFC 5771"),
        // IANA IPv6 Special-Purpose Address Registry.
        Refuse("::1/128", "Loopback Address", "RFC 4291"),
        Refuse("::/128", "Unspecified Address", "RFC 4291"),
        new(IPNetwork.Parse("::ffff:0:0/96"), "IPv4-mapped Address", "RFC 4291", BlockRule.EmbeddedIPv4),
        new(IPNetwork.Parse("64:ff9b::/96"), "IPv4-IPv6 Translat. (NAT64 well-known prefix)", "RFC 6052", BlockRule.EmbeddedIPv4),
        Refuse("64:ff9b:1::/48", "IPv4-IPv6 Translat. (local use)", "RFC 8215"),
        Refuse("100::/64", "Discard-Only Address Block", "RFC 6666"),
        Refuse("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780"),
        Refuse("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
        Refuse("2001::/32", "TEREDO", "RFC 4380"),
        Refuse("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723"),
        Refuse("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
        Refuse("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665"),
        Refuse("2001:2::/48", "Benchmarking", "RFC 5180"),
        Refuse("2001:3::/32", "AMT", "RFC 7450"),
        Refuse("2001:4:112::/48", "AS112-v6", "RFC 7535"),
        Refuse("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843"),
        Refuse("2001:20::/28", "ORCHIDv2", "RFC 7343"),
        Refuse("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374"),
        Refuse("2001:db8::/32", "Documentation", "RFC 3849"),
        Refuse("2002::/16", "6to4", "RFC 3056"),
        Refuse("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534"),
        Refuse("3fff::/20", "Documentation", "RFC 9637"),
        Refuse("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
        Refuse("fc00::/7", "Unique-Local", "RFC 4193"),
        Refuse("fe80::/10", "Link-Local Unicast", "RFC 4291"),
        // IANA IPv6 Address Space registry: global unicast is only allocated from 2000::/3.
        Refuse("::/8", "Reserved by IETF (includes IPv4-compatible ::/96)", "RFC 4291"),
        Refuse("100::/8", "Reserved by IETF", "RFC 4291"),
        Refuse("200::/7", "Reserved by IETF", "RFC 4048"),
        Refuse("400::/6", "Reserved by IETF", "RFC 4291"),
        Refuse("800::/5", "Reserved by IETF", "RFC 4291"),
        Refuse("1000::/4", "Reserved by IETF", "RFC 4291"),
        Refuse("4000::/3", "Reserved by IETF", "RFC 4291"),
        Refuse("6000::/3", "Reserved by IETF", "RFC 4291"),
        Refuse("8000::/3", "Reserved by IETF", "RFC 4291"),
        Refuse("a000::/3", "Reserved by IETF", "RFC 4291"),
        Refuse("c000::/3", "Reserved by IETF", "RFC 4291"),
        Refuse("e000::/4", "Reserved by IETF", "RFC 4291"),
        Refuse("f000::/5", "Reserved by IETF", "RFC 4291"),
        Refuse("f800::/6", "Reserved by IETF", "RFC 4291"),
        Refuse("fe00::/9", "Reserved by IETF", "RFC 4291"),
        Refuse("fec0::/10", "Reserved by IETF (formerly site-local)", "RFC 3879"),
        Refuse("ff00::/8", "Multicast", "RFC 4291"),
        // Cloud metadata services: instance credentials one request away. Most lie in blocks above already; they are
        // named so the table says so. The Azure WireServer does not: it is a public-looking address every Azure VM reaches.
        Refuse("169.254.169.254/32", "Instance metadata (AWS, GCP, Azure, Oracle)", "vendor documentation"),
        Refuse("169.254.170.2/32", "AWS ECS task metadata", "vendor documentation"),
        Refuse("168.63.129.16/32", "Azure WireServer", "vendor documentation"),
        Refuse("100.100.100.200/32", "Alibaba Cloud instance metadata", "vendor documentation"),
        Refuse("fd00:ec2::254/128", "AWS instance metadata over IPv6", "vendor documentation"),
    ];

    /// <summary>False for every address in a refused block, or carrying a refused IPv4 address in an embedding block.</summary>
    public static bool IsPublic(IPAddress address) => RefusingBlock(address) is null;

    /// <summary>The block that keeps webhooks from <paramref name="address"/>, or null when it may be dialled.</summary>
    public static AddressBlock? RefusingBlock(IPAddress address)
    {
        AddressBlock? match = null;
        foreach (var block in Blocks)
        {
            if (Contains(block.Network, address) && (match is null || block.Network.PrefixLength > match.Network.PrefixLength))
            {
                match = block;
            }
        }

        return match?.Rule == BlockRule.EmbeddedIPv4 ? RefusingBlock(new IPAddress(address.GetAddressBytes()[12..])) : match;
    }

    /// <summary>Compares the prefix bits: <see cref="IPNetwork.Contains"/> never matches an IPv4-mapped address.</summary>
    private static bool Contains(IPNetwork network, IPAddress address)
    {
        var prefix = network.BaseAddress.GetAddressBytes();
        var bytes = address.GetAddressBytes();
        if (prefix.Length != bytes.Length)
        {
            return false;
        }

        for (int i = 0, bits = network.PrefixLength; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if (((prefix[i] ^ bytes[i]) & mask) != 0)
            {
                return false;
            }
        }

        return true;
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
            return Refused(url.Host, null);
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

        return addresses.All(IsPublic) ? null : Refused(url.Host, literal);
    }

    /// <summary>
    /// The handler of the webhook HttpClient: no redirects (a 3xx is an answer, not a way around the checks), no
    /// proxy (it would be checked instead of the target), no cookies, and a connect step that dials only
    /// allowed addresses.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookSettings settings) =>
        new()
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
            throw new WebhookTargetRefusedException(Refused(target.Host, literal));
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

    private static AddressBlock Refuse(string network, string name, string reference) =>
        new(IPNetwork.Parse(network), name, reference, BlockRule.Refused);

    /// <summary>
    /// Names the block only for an address the caller wrote: for a name, which private address it resolves to is
    /// internal DNS the caller need not learn.
    /// </summary>
    private static string Refused(string host, IPAddress? literal) =>
        (
            literal is not null && RefusingBlock(literal) is { } block
                ? $"{host} is in {block.Network} ({block.Name}, {block.Reference})"
                : $"{host} resolves to an address that is not public (loopback, private, link-local, cloud metadata or another special-purpose range)"
        ) + ", which webhooks may not reach (Webhooks:AllowPrivateTargets is off).";
}
