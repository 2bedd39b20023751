using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.RedeliverWebhookDelivery;

public static class RedeliverWebhookDeliveryEndpoint
{
    private static readonly string Redeliver = Sql.Load(typeof(RedeliverWebhookDeliveryEndpoint), "RedeliverWebhookDelivery.sql");

    public static Task<Membership?> LoadAsync(Guid webhookId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWebhookAsync(webhookId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The webhook", Permission.ManageMembers) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Sends a delivery again (admins and owners), dead or not, with the same delivery id and body and a fresh
    /// round of retries; the new attempts are added to its log. Answers 202 with the delivery.
    /// </summary>
    [WolverinePost("/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver")]
    [ProducesResponseType<DeliveryResponse>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(
        Guid webhookId,
        Guid deliveryId,
        [NotBody] Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var delivery = await tx.QuerySingleOrDefaultAsync<DeliveryResponse>(
            Redeliver,
            new
            {
                webhookId,
                deliveryId,
                now = clock.DbNow(),
            },
            ct
        );
        if (delivery is null)
        {
            return Results.Problem(Problems.NotFound("The delivery"));
        }

        tx.Send(new SendWebhookDelivery(delivery.Id, delivery.Attempts + 1));
        await tx.CommitAsync(ct);
        return Results.Accepted(ApiRoutes.Path($"webhooks/{webhookId}/deliveries"), delivery);
    }
}
