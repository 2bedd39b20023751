using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Invitations.ListInvitations;

public static class ListInvitationsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListInvitationsEndpoint), "ListInvitations.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    // Invitees' emails are for those who manage members, not for every reader.
    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers) ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The workspace's pending invitations, oldest first, without their tokens.</summary>
    [WolverineGet("/workspaces/{workspaceId}/invitations")]
    public static async Task<Page<InvitationResponse>> Get(
        int? limit, string? after, Membership membership, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<InvitationResponse>(new CommandDefinition(Query,
            new { membership.WorkspaceId, now = clock.GetUtcNow().UtcDateTime, after = Paging.After(after), take = take + 1 }, cancellationToken: ct))).AsList();
        return Paging.ToPage(rows, take, i => i.InvitationId);
    }
}
