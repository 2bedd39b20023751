using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Invitations.RevokeInvitation;

public static class RevokeInvitationEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(RevokeInvitationEndpoint), "RevokeInvitation.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers) ?? WolverineContinue.NoProblems;

    /// <summary>Withdraws a pending invitation; its token stops working.</summary>
    // [NotBody]: without a body type, Wolverine would read the loaded Membership from the (empty) DELETE body.
    [WolverineDelete("/workspaces/{workspaceId}/invitations/{invitationId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Revoke(
        Guid invitationId,
        [NotBody] Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var revoked = await tx.QuerySingleOrDefaultAsync<(string Email, string Role)?>(
            Delete,
            new { invitationId, membership.WorkspaceId },
            ct
        );
        if (revoked is not { } invitation)
        {
            return Results.Problem(Problems.NotFound("The invitation"));
        }

        tx.Publish(
            new InvitationRevoked(
                Guid.CreateVersion7(),
                membership.WorkspaceId,
                membership.UserId,
                clock.DbNow(),
                invitationId,
                invitation.Email,
                WorkspaceRoles.Parse(invitation.Role)
            )
        );
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
