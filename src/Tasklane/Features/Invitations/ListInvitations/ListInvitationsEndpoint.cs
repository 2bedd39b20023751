using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [WolverineGet("/workspaces/{workspaceId}/invitations")]
    public static Task<Page<InvitationResponse>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        TimeProvider clock,
        CancellationToken ct
    ) =>
        Paging.QueryAsync<InvitationResponse>(
            reads,
            caller,
            Query,
            new { membership.WorkspaceId, now = clock.DbNow() },
            limit,
            after,
            i => i.InvitationId,
            ct
        );
}
