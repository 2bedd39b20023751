using System.Net;
using System.Net.Sockets;
using NUnit.Framework;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// The SSRF address rule. The blocks below are transcribed from the IANA IPv4 and IPv6 Special-Purpose Address
/// Registries (IPv6 updated 2025-10-09) and the IPv6 Address Space registry independently of the table in
/// <see cref="WebhookTargets"/>, so a row missing there fails here. Each case names the block, one address inside
/// it, and the public addresses just outside it where the neighbour is not special itself.
/// </summary>
public class WebhookTargetsTests
{
    // IANA IPv4 Special-Purpose Address Registry: every row.
    [TestCase("0.0.0.0/8", "0.255.255.255", "1.0.0.0")]
    [TestCase("0.0.0.0/32", "0.0.0.0")]
    [TestCase("10.0.0.0/8", "10.255.255.255", "9.255.255.255", "11.0.0.0")]
    [TestCase("100.64.0.0/10", "100.127.255.255", "100.63.255.255", "100.128.0.0")]
    [TestCase("127.0.0.0/8", "127.255.255.255", "126.255.255.255", "128.0.0.0")]
    [TestCase("169.254.0.0/16", "169.254.255.255", "169.253.255.255", "169.255.0.0")]
    [TestCase("172.16.0.0/12", "172.31.255.255", "172.15.255.255", "172.32.0.0")]
    [TestCase("192.0.0.0/24", "192.0.0.255", "191.255.255.255", "192.0.1.0")]
    [TestCase("192.0.0.0/29", "192.0.0.7")]
    [TestCase("192.0.0.8/32", "192.0.0.8")]
    [TestCase("192.0.0.9/32", "192.0.0.9")]
    [TestCase("192.0.0.10/32", "192.0.0.10")]
    [TestCase("192.0.0.170/32", "192.0.0.170")]
    [TestCase("192.0.0.171/32", "192.0.0.171")]
    [TestCase("192.0.2.0/24", "192.0.2.255", "192.0.3.0")]
    [TestCase("192.31.196.0/24", "192.31.196.1", "192.31.195.255", "192.31.197.0")]
    [TestCase("192.52.193.0/24", "192.52.193.1", "192.52.192.255", "192.52.194.0")]
    [TestCase("192.88.99.0/24", "192.88.99.1", "192.88.98.255", "192.88.100.0")]
    [TestCase("192.88.99.2/32", "192.88.99.2")]
    [TestCase("192.168.0.0/16", "192.168.255.255", "192.167.255.255", "192.169.0.0")]
    [TestCase("192.175.48.0/24", "192.175.48.1", "192.175.47.255", "192.175.49.0")]
    [TestCase("198.18.0.0/15", "198.19.255.255", "198.17.255.255", "198.20.0.0")]
    [TestCase("198.51.100.0/24", "198.51.100.1", "198.51.99.255", "198.51.101.0")]
    [TestCase("203.0.113.0/24", "203.0.113.1", "203.0.112.255", "203.0.114.0")]
    [TestCase("240.0.0.0/4", "255.255.255.254")]
    [TestCase("255.255.255.255/32", "255.255.255.255")]
    // IPv4 multicast (IPv4 Address Space registry, RFC 5771).
    [TestCase("224.0.0.0/4", "239.255.255.255", "223.255.255.255")]
    // IANA IPv6 Special-Purpose Address Registry: every row except the two that embed an IPv4 address
    // (::ffff:0:0/96 and 64:ff9b::/96), which are judged by that address (see below).
    [TestCase("::1/128", "::1")]
    [TestCase("::/128", "::")]
    [TestCase("64:ff9b:1::/48", "64:ff9b:1:ffff:ffff:ffff:808:808")]
    [TestCase("100::/64", "100::ffff:ffff:ffff:ffff")]
    [TestCase("100:0:0:1::/64", "100:0:0:1::1")]
    [TestCase("2001::/23", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:200::")]
    [TestCase("2001::/32", "2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [TestCase("2001:1::1/128", "2001:1::1")]
    [TestCase("2001:1::2/128", "2001:1::2")]
    [TestCase("2001:1::3/128", "2001:1::3")]
    [TestCase("2001:2::/48", "2001:2:0:ffff::1")]
    [TestCase("2001:3::/32", "2001:3::1")]
    [TestCase("2001:4:112::/48", "2001:4:112::1")]
    [TestCase("2001:10::/28", "2001:1f::1")]
    [TestCase("2001:20::/28", "2001:2f::1")]
    [TestCase("2001:30::/28", "2001:3f::1")]
    [TestCase("2001:db8::/32", "2001:db8:ffff::1", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::")]
    [TestCase("2002::/16", "2002:808:808::1", "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2003::")]
    [TestCase("2620:4f:8000::/48", "2620:4f:8000::1", "2620:4f:7fff:ffff:ffff:ffff:ffff:ffff", "2620:4f:8001::")]
    [TestCase("3fff::/20", "3fff:fff:ffff::1", "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:1000::")]
    [TestCase("5f00::/16", "5f00::1")]
    [TestCase("fc00::/7", "fdff:ffff::1")]
    [TestCase("fe80::/10", "febf:ffff::1")]
    // IPv6 Address Space registry: everything outside 2000::/3 (global unicast) is reserved, ULA, link-local or multicast.
    [TestCase("::/8", "ff:ffff::1")]
    [TestCase("100::/8", "1ff::1")]
    [TestCase("200::/7", "200::1")]
    [TestCase("400::/6", "400::1")]
    [TestCase("800::/5", "800::1")]
    [TestCase("1000::/4", "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2000::1")]
    [TestCase("4000::/3", "4000::1", "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [TestCase("6000::/3", "6000::1")]
    [TestCase("8000::/3", "8000::1")]
    [TestCase("a000::/3", "a000::1")]
    [TestCase("c000::/3", "c000::1")]
    [TestCase("e000::/4", "e000::1")]
    [TestCase("f000::/5", "f000::1")]
    [TestCase("f800::/6", "f800::1")]
    [TestCase("fe00::/9", "fe00::1")]
    [TestCase("fec0::/10", "fec0::1")]
    [TestCase("ff00::/8", "ff02::1")]
    public void Every_special_purpose_block_is_refused_and_its_public_neighbours_are_not(
        string block,
        string inside,
        params string[] outside
    )
    {
        var network = IPNetwork.Parse(block);
        Assert.Multiple(() =>
        {
            Assert.That(WebhookTargets.Blocks.Select(b => b.Network), Does.Contain(network), "a row of the table");
            Assert.That(network.Contains(IPAddress.Parse(inside)), Is.True, $"test data: {inside} is in {block}");
            Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(inside)), Is.False, $"{inside} ({block}) is refused");
            foreach (var neighbour in outside)
            {
                Assert.That(network.Contains(IPAddress.Parse(neighbour)), Is.False, $"test data: {neighbour} is outside {block}");
                Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(neighbour)), Is.True, $"{neighbour}, just outside {block}, is allowed");
            }
        });
    }

    /// <summary>
    /// IPv6 forms that carry an IPv4 address. IPv4-mapped (a dual-stack socket dials the IPv4 address) and the NAT64
    /// well-known prefix (DNS64 answers it for every IPv4-only host, and the translator dials the IPv4 address) are
    /// judged by that address; the local-use NAT64 prefix, 6to4, Teredo and the deprecated IPv4-compatible form are
    /// refused whatever they carry.
    /// </summary>
    [TestCase("::ffff:127.0.0.1", false)]
    [TestCase("::ffff:10.0.0.1", false)]
    [TestCase("::ffff:169.254.169.254", false)]
    [TestCase("::ffff:168.63.129.16", false)]
    [TestCase("::ffff:8.8.8.8", true)]
    [TestCase("64:ff9b::127.0.0.1", false)]
    [TestCase("64:ff9b::10.0.0.1", false)]
    [TestCase("64:ff9b::169.254.169.254", false)]
    [TestCase("64:ff9b::100.64.0.1", false)]
    [TestCase("64:ff9b::8.8.8.8", true)]
    [TestCase("64:ff9b:1::8.8.8.8", false)]
    [TestCase("2002:7f00:1::1", false)] // 6to4 of 127.0.0.1
    [TestCase("2002:a9fe:a9fe::1", false)] // 6to4 of 169.254.169.254
    [TestCase("2002:c0a8:101::1", false)] // 6to4 of 192.168.1.1
    [TestCase("2001:0:808:808::f5ff:fffe", false)] // Teredo: server 8.8.8.8, client 10.0.0.1 (stored inverted)
    [TestCase("::127.0.0.1", false)] // IPv4-compatible
    [TestCase("::8.8.8.8", false)]
    public void Addresses_embedding_ipv4(string address, bool isPublic) =>
        Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(address)), Is.EqualTo(isPublic));

    [Test]
    public void Only_ipv4_mapped_and_the_nat64_well_known_prefix_are_judged_by_the_ipv4_address_they_carry() =>
        Assert.That(
            WebhookTargets.Blocks.Where(b => b.Rule == BlockRule.EmbeddedIPv4).Select(b => b.Network),
            Is.EquivalentTo(new[] { IPNetwork.Parse("::ffff:0:0/96"), IPNetwork.Parse("64:ff9b::/96") })
        );

    [TestCase("169.254.169.254")] // AWS, GCP, Azure and Oracle instance metadata
    [TestCase("169.254.170.2")] // AWS ECS task metadata
    [TestCase("168.63.129.16")] // Azure WireServer: a public-looking address every Azure VM reaches
    [TestCase("fd00:ec2::254")] // AWS instance metadata over IPv6
    [TestCase("100.100.100.200")] // Alibaba Cloud metadata
    public void Cloud_metadata_addresses_are_refused(string address) =>
        Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(address)), Is.False);

    [TestCase("8.8.8.8")]
    [TestCase("1.1.1.1")]
    [TestCase("93.184.215.14")]
    [TestCase("140.82.112.3")]
    [TestCase("168.63.129.15")]
    [TestCase("168.63.129.17")]
    [TestCase("223.255.255.255")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2a00:1450:4001:82b::200e")]
    [TestCase("2620:fe::fe")]
    public void Ordinary_public_addresses_are_allowed(string address) =>
        Assert.That(WebhookTargets.IsPublic(IPAddress.Parse(address)), Is.True);

    /// <summary>The worker's connect step refuses these before opening a socket (a refusal, not a network error).</summary>
    [TestCase("169.254.169.254")]
    [TestCase("64:ff9b::127.0.0.1")]
    [TestCase("64:ff9b::169.254.169.254")]
    [TestCase("2002:7f00:1::1")]
    [TestCase("2001:0:808:808::f5ff:fffe")]
    [TestCase("168.63.129.16")]
    [TestCase("::ffff:127.0.0.1")]
    public void The_connect_step_refuses_special_purpose_addresses(string address)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        Assert.ThrowsAsync<WebhookTargetRefusedException>(async () =>
            await WebhookTargets.ConnectAsync(new DnsEndPoint(address, 80, AddressFamily.Unspecified), allowPrivate: false, patience.Token)
        );
    }

    [Test]
    public void The_webhook_client_refuses_an_ipv6_literal_url_that_embeds_loopback()
    {
        using var client = new HttpClient(
            WebhookTargets.Handler(new WebhookSettings(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()))
        );

        var refused = Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync("http://[64:ff9b::7f00:1]:8080/hook", new StringContent("{}"))
        );

        Assert.That(refused!.InnerException, Is.TypeOf<WebhookTargetRefusedException>());
    }
}
