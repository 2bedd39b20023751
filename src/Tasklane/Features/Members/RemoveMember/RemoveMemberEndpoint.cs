using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Members.RemoveMember;

public static class RemoveMemberEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(RemoveMemberEndpoint), "RemoveMember.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    // Anyone may leave; removing someone else needs ManageMembers.
    public static ProblemDetails Validate(Guid userId, Membership? membership) =>
        Access.Deny(membership, "The workspace", membership?.UserId == userId ? Permission.Read : Permission.ManageMembers)
        ?? WolverineContinue.NoProblems;

    /// <summary>Removes a member, or the caller (leaving). Removing an owner needs an owner; the last owner cannot go (409).</summary>
    // [NotBody]: without a body type, Wolverine would read the loaded Membership from the (empty) DELETE body.
    [WolverineDelete("/workspaces/{workspaceId}/members/{userId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Remove(
        Guid userId,
        [NotBody] Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var roster = await Roster.LockAsync(tx, membership.WorkspaceId, membership.UserId, userId, ct);
        var (problem, removed) = RemoveMemberDecision.Decide(roster, clock.DbNow());
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        await tx.ExecuteAsync(Delete, new { roster.WorkspaceId, roster.TargetId }, ct);
        tx.Publish(removed!);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class RemoveMemberDecision
{
    /// <summary>Refuses the removal with a problem, or allows it with the event to publish.</summary>
    public static (ProblemDetails? Problem, MemberRemoved? Removed) Decide(Roster roster, DateTime now)
    {
        var leaving = roster.Caller?.UserId == roster.TargetId;
        // The caller's role is re-checked here: it may have changed since the request was validated.
        if (Access.Deny(roster.Caller, "The workspace", leaving ? Permission.Read : Permission.ManageMembers) is { } denied)
        {
            return (denied, null);
        }

        if (roster.TargetRole is not { } targetRole)
        {
            return (Problems.NotFound("The member"), null);
        }

        if (targetRole == WorkspaceRole.Owner && !leaving && !roster.Caller!.Can(Permission.Own))
        {
            return (Problems.Forbidden("Only an owner can remove an owner."), null);
        }

        if (targetRole == WorkspaceRole.Owner && roster.Owners <= 1)
        {
            return (Problems.Conflict("The workspace's last owner cannot leave or be removed; make someone else owner first."), null);
        }

        return (
            null,
            new MemberRemoved(Guid.CreateVersion7(), roster.WorkspaceId, roster.Caller!.UserId, now, roster.TargetId, targetRole, leaving)
        );
    }
}
