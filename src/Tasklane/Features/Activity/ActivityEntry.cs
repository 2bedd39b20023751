using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Tasklane.Features.Auth;
using Tasklane.Features.Webhooks;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Activity;

/// <summary>
/// One feed entry: who (<see cref="ActorId"/>, <see cref="ActorDisplayName"/>) did what (<see cref="Kind"/>),
/// when, with the event's data (before/after values under <c>changes</c> for updates).
/// </summary>
public sealed record ActivityEntry(
    Guid Id,
    Guid WorkspaceId,
    Guid? ProjectId,
    Guid? TaskId,
    Guid ActorId,
    [property: MaxLength(UserRules.DisplayNameMax)] string? ActorDisplayName,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Names))] string Kind,
    JsonElement Data,
    DateTime OccurredAt
);
