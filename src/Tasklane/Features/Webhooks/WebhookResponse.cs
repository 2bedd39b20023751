using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Webhooks;

/// <summary>A registered webhook. The secret is never part of it: only the create response carries it.</summary>
/// <remarks>Init properties, not a positional record: Dapper reads a text[] column as System.Array, which no constructor takes.</remarks>
public sealed record WebhookResponse
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }

    [MaxLength(WebhookRules.UrlMax)]
    public string Url { get; init; } = "";

    [MaxLength(WebhookRules.EventsMax)]
    [OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Subscribable))]
    public string[] Events { get; init; } = [];

    public bool Enabled { get; init; }
    public int Version { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public string ETag() => $"\"{Version}\"";
}
