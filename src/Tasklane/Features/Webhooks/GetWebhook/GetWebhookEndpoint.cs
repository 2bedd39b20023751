using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.GetWebhook;

public static class GetWebhookEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetWebhookEndpoint), "GetWebhook.sql");

    public static Task<Membership?> LoadAsync(Guid webhookId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWebhookAsync(webhookId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The webhook", Permission.ManageMembers) ?? WolverineContinue.NoProblems;

    /// <summary>A webhook (admins and owners), without its secret. The ETag is its version.</summary>
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [WolverineGet("/webhooks/{webhookId}")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid webhookId, NpgsqlDataSource db, HttpResponse response, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var webhook = await connection.QuerySingleOrDefaultAsync<WebhookResponse>(
            new CommandDefinition(Query, new { webhookId }, cancellationToken: ct)
        );
        if (webhook is null)
        {
            return Results.Problem(Problems.NotFound("The webhook"));
        }

        response.Headers.ETag = webhook.ETag();
        return Results.Ok(webhook);
    }
}
