using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.PingWebhook;

public static class PingWebhookEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(PingWebhookEndpoint), "PingWebhook.sql");

    public static Task<Membership?> LoadAsync(Guid webhookId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWebhookAsync(webhookId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The webhook", Permission.ManageMembers) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Sends a <c>ping</c> event to the webhook (admins and owners), through the same signed, retried delivery
    /// as real events; follow it in the deliveries list. Answers 202 with the delivery.
    /// </summary>
    [WolverinePost("/webhooks/{webhookId}/ping")]
    [ProducesResponseType<DeliveryResponse>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(
        Guid webhookId,
        [NotBody] Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var delivery = new DeliveryResponse(
            Guid.CreateVersion7(),
            webhookId,
            Guid.CreateVersion7(),
            WebhookEvents.Ping,
            "pending",
            0,
            now,
            now,
            now,
            null
        );
        var payload = WebhookRules.Payload(
            delivery.Id,
            delivery.Event,
            delivery.EventId,
            membership.WorkspaceId,
            membership.UserId,
            now,
            new { webhookId }
        );

        await using var tx = await outbox.BeginAsync(ct);
        if (
            await tx.ExecuteAsync(
                Insert,
                new
                {
                    delivery.Id,
                    delivery.WebhookId,
                    delivery.EventId,
                    delivery.Event,
                    payload,
                    delivery.CreatedAt,
                },
                ct
            ) == 0
        )
        {
            return Results.Problem(Problems.NotFound("The webhook"));
        }

        tx.Send(new SendWebhookDelivery(delivery.Id, 1));
        await tx.CommitAsync(ct);

        return Results.Accepted(ApiRoutes.Path($"webhooks/{webhookId}/deliveries"), delivery);
    }
}
