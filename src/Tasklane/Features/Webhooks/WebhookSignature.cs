using System.Security.Cryptography;
using System.Text;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// <c>Tasklane-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c> over <c>"&lt;t&gt;.&lt;raw body&gt;"</c>, keyed with
/// the UTF-8 bytes of the whole secret. The timestamp inside the signed text lets receivers refuse replays.
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryHeader = "Tasklane-Delivery";
    public const string EventHeader = "Tasklane-Event";
    public const string SignatureHeader = "Tasklane-Signature";

    public static string Header(string secret, long timestamp, string body) => $"t={timestamp},v1={Compute(secret, timestamp, body)}";

    public static string Compute(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>What a receiver does: parse the header, recompute, compare in constant time, and bound the age.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
        if (!long.TryParse(parts["t"].FirstOrDefault(), out var t) || Math.Abs(now.ToUnixTimeSeconds() - t) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, t, body));
        return parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v)));
    }
}
