using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Webhooks;

public static class WebhookRules
{
    public const int UrlMax = 2048;
    public const int SecretMin = 16;
    public const int SecretMax = 256;

    /// <summary>More names than the catalogue has can only be repeats; the bound keeps a request from sending millions.</summary>
    public const int EventsMax = 100;

    /// <summary>The statuses the deliveries table's check constraint allows (migration 0012).</summary>
    public static readonly string[] DeliveryStatuses = ["pending", "delivered", "dead"];

    /// <summary>"whsec_" and 32 random bytes, base64url: enough entropy that guessing is hopeless.</summary>
    public static string NewSecret() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The URL (absolute http(s), no credentials), the events (from the catalogue) and the secret, each only when sent unless required.
    /// </summary>
    public static FieldErrors CheckWebhook(this FieldErrors errors, string? url, string[]? events, string? secret, bool required)
    {
        if (required || url is not null)
        {
            errors.Required("url", url, UrlMax);
            if (!string.IsNullOrWhiteSpace(url) && url.Length <= UrlMax)
            {
                if (
                    !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
                    || uri.Scheme is not ("http" or "https")
                    || uri.Host.Length == 0
                )
                {
                    errors.Add("url", "Must be an absolute http or https URL.");
                }
                else if (uri.UserInfo.Length > 0)
                {
                    errors.Add("url", "Must not contain credentials; receivers authenticate requests by their signature.");
                }
            }
        }

        if (required || events is not null)
        {
            if (events is not { Length: > 0 })
            {
                errors.Add("events", $"At least one event name, or \"{WebhookEvents.All}\" for all of them.");
            }
            else if (events.Length > EventsMax)
            {
                errors.Add("events", $"At most {EventsMax} names.");
            }
            else
            {
                foreach (var name in events.Where(n => !WebhookEvents.Subscribable.Contains(n)).Distinct())
                {
                    errors.Add(
                        "events",
                        $"Unknown event \"{name}\". Known: {string.Join(", ", WebhookEvents.Names)}, or \"{WebhookEvents.All}\"."
                    );
                }
            }
        }

        if (secret is not null)
        {
            errors.Check(
                "secret",
                secret.Length is >= SecretMin and <= SecretMax && !secret.Any(char.IsWhiteSpace),
                $"Between {SecretMin} and {SecretMax} characters without spaces."
            );
        }

        return errors;
    }

    /// <summary>Events stored distinct and in catalogue order; "*" alone stands for all.</summary>
    public static string[] NormalizeEvents(IEnumerable<string> events)
    {
        var set = events.ToHashSet();
        return set.Contains(WebhookEvents.All) ? [WebhookEvents.All] : WebhookEvents.Names.Where(set.Contains).ToArray();
    }

    /// <summary>The JSON body receivers get: an envelope with the delivery id (for their dedupe) around the event's data.</summary>
    public static string Payload(
        Guid deliveryId,
        string name,
        Guid eventId,
        Guid workspaceId,
        Guid actorId,
        DateTime occurredAt,
        object data
    ) =>
        JsonSerializer.Serialize(
            new
            {
                id = deliveryId,
                @event = name,
                eventId,
                workspaceId,
                actorId,
                occurredAt,
                data,
            },
            JsonSerializerOptions.Web
        );
}
