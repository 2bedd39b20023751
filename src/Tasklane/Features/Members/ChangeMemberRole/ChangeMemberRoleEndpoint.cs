using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Members.ChangeMemberRole;

public sealed record ChangeMemberRoleRequest(WorkspaceRole? Role);

public static class ChangeMemberRoleEndpoint
{
    private static readonly string Update = Sql.Load(typeof(ChangeMemberRoleEndpoint), "ChangeMemberRole.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(ChangeMemberRoleRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .Check("role", request.Role is not null, "Required.")
                    .OneOf("role", request.Role, WorkspaceRoles.Names)
                    .ToProblem()
        );

    /// <summary>
    /// Changes a member's role. Only owners change an owner's role or make someone owner; the last owner
    /// cannot be demoted (409), so a workspace always has someone who can delete it.
    /// </summary>
    [WolverinePatch("/workspaces/{workspaceId}/members/{userId}")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Patch(
        Guid userId,
        ChangeMemberRoleRequest request,
        Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var roster = await Roster.LockAsync(tx, membership.WorkspaceId, membership.UserId, userId, ct);
        var role = request.Role!.Value;
        var (problem, changed) = ChangeMemberRoleDecision.Decide(roster, role, clock.DbNow());
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        var member = await tx.QuerySingleAsync<MemberResponse>(
            Update,
            new
            {
                roster.WorkspaceId,
                roster.TargetId,
                role = role.Name(),
            },
            ct
        );
        if (changed is not null)
        {
            tx.Publish(changed);
        }

        await tx.CommitAsync(ct);
        return Results.Ok(member);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class ChangeMemberRoleDecision
{
    /// <summary>Refuses the change with a problem, or allows it with the event to publish (none when the role is unchanged).</summary>
    public static (ProblemDetails? Problem, MemberRoleChanged? Changed) Decide(Roster roster, WorkspaceRole role, DateTime now)
    {
        // The caller's role is re-checked here: it may have changed since the request was validated.
        if (Access.Deny(roster.Caller, "The workspace", Permission.ManageMembers) is { } denied)
        {
            return (denied, null);
        }

        if (roster.TargetRole is not { } targetRole)
        {
            return (Problems.NotFound("The member"), null);
        }

        if ((targetRole == WorkspaceRole.Owner || role == WorkspaceRole.Owner) && !roster.Caller!.Can(Permission.Own))
        {
            return (Problems.Forbidden("Only an owner can change an owner's role or make someone an owner."), null);
        }

        if (targetRole == role)
        {
            return (null, null);
        }

        if (targetRole == WorkspaceRole.Owner && roster.Owners <= 1)
        {
            return (Problems.Conflict("This is the workspace's last owner; make someone else owner first."), null);
        }

        return (
            null,
            new MemberRoleChanged(Guid.CreateVersion7(), roster.WorkspaceId, roster.Caller!.UserId, now, roster.TargetId, targetRole, role)
        );
    }
}
