using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Webhooks.DeliverWebhook;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Webhooks;

/// <summary>
/// One event sent (or being sent) to one webhook. <see cref="Status"/>: pending (being tried or waiting for a
/// retry at <see cref="NextAttemptAt"/>), delivered (a 2xx answer), dead (every retry failed; redeliver to try again).
/// </summary>
public sealed record DeliveryResponse(
    Guid Id,
    Guid WebhookId,
    Guid EventId,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Delivered))] string Event,
    [property: OneOf(typeof(WebhookRules), nameof(WebhookRules.DeliveryStatuses))] string Status,
    int Attempts,
    DateTime? NextAttemptAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeliveredAt
)
{
    /// <summary>More than eight full retry cycles; <see cref="Attempts"/> still counts them all.</summary>
    public const int AttemptLogMax = 100;

    /// <summary>The newest attempts (at most 100, <c>AttemptLogMax</c>), oldest first.</summary>
    [MaxLength(AttemptLogMax)]
    public IReadOnlyList<AttemptResponse> AttemptLog { get; init; } = [];
}

/// <summary>One try: the receiver's status code and the start of its answer, or why there was none.</summary>
public sealed record AttemptResponse(
    Guid DeliveryId,
    int Number,
    DateTime AttemptedAt,
    int DurationMs,
    int? StatusCode,
    [property: MaxLength(WebhookSender.ResponseExcerptMax)] string? ResponseBody,
    [property: MaxLength(WebhookSender.ErrorMax)] string? Error
);
