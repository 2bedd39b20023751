namespace Tasklane.Features.Webhooks;

/// <summary>Worker message: make attempt <see cref="Attempt"/> (1-based) of a delivery. Routed to the webhooks queue.</summary>
public sealed record SendWebhookDelivery(Guid DeliveryId, int Attempt);
