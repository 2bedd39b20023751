using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.ListDeliveries;

public static class ListDeliveriesEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListDeliveriesEndpoint), "ListDeliveries.sql");
    private static readonly string Attempts = Sql.Load(typeof(ListDeliveriesEndpoint), "ListAttempts.sql");

    public static Task<Membership?> LoadAsync(Guid webhookId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWebhookAsync(webhookId, caller, ct);

    public static ProblemDetails Validate(string? status, int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The webhook", Permission.ManageMembers)
        ?? new FieldErrors().OneOf("status", status, WebhookRules.DeliveryStatuses).Page(limit, after).ToProblem();

    /// <summary>
    /// The webhook's deliveries, newest first, each with every attempt (status code, start of the answer, error,
    /// duration). <c>status=dead</c> is the dead-letter list: deliveries whose retries all failed.
    /// </summary>
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [WolverineGet("/webhooks/{webhookId}/deliveries")]
    public static async Task<Page<DeliveryResponse>> Get(
        Guid webhookId,
        [AllowedValues("pending", "delivered", "dead")] string? status,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        NpgsqlDataSource db,
        CancellationToken ct
    )
    {
        var page = await Paging.QueryAsync<DeliveryResponse>(db, Query, new { webhookId, status }, limit, after, d => d.Id, ct);
        if (page.Items.Count == 0)
        {
            return page;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var attempts = (
            await connection.QueryAsync<AttemptResponse>(
                new CommandDefinition(
                    Attempts,
                    new { ids = page.Items.Select(d => d.Id).ToArray(), max = DeliveryResponse.AttemptLogMax },
                    cancellationToken: ct
                )
            )
        ).ToLookup(a => a.DeliveryId);
        return page with { Items = page.Items.Select(d => d with { AttemptLog = attempts[d.Id].ToList() }).ToList() };
    }
}
