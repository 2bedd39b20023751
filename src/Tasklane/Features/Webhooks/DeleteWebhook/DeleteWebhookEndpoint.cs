using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.DeleteWebhook;

public static class DeleteWebhookEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(DeleteWebhookEndpoint), "DeleteWebhook.sql");

    public static Task<Membership?> LoadAsync(Guid webhookId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWebhookAsync(webhookId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The webhook", Permission.ManageMembers) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Deletes the webhook with its deliveries (admins and owners). Attempts already queued find nothing
    /// and send nothing.
    /// </summary>
    /// <remarks><c>[NotBody]</c>: a DELETE has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverineDelete("/webhooks/{webhookId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Remove(Guid webhookId, [NotBody] Membership membership, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Delete, new { webhookId }, cancellationToken: ct));
        return Results.NoContent();
    }
}
