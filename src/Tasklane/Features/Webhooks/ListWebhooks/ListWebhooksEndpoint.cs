using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Webhooks.ListWebhooks;

public static class ListWebhooksEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListWebhooksEndpoint), "ListWebhooks.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers) ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The workspace's webhooks (admins and owners), oldest first, without their secrets.</summary>
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [WolverineGet("/workspaces/{workspaceId}/webhooks")]
    public static Task<Page<WebhookResponse>> Get(
        Guid workspaceId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        NpgsqlDataSource db,
        CancellationToken ct
    ) => Paging.QueryAsync<WebhookResponse>(db, Query, new { workspaceId }, limit, after, w => w.Id, ct);
}
