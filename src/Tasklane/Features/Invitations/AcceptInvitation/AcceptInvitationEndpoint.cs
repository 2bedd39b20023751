using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Invitations.AcceptInvitation;

/// <summary>An invitation row as the accept step needs it, with the caller's normalised email beside it.</summary>
public sealed record PendingInvitation(
    Guid Id,
    Guid WorkspaceId,
    string EmailNormalized,
    WorkspaceRole Role,
    DateTime ExpiresAt,
    DateTime? AcceptedAt,
    string CallerEmailNormalized
);

public static class AcceptInvitationEndpoint
{
    private static readonly string Find = Sql.Load(typeof(AcceptInvitationEndpoint), "FindInvitation.sql");
    private static readonly string Join = Sql.Load(typeof(AcceptInvitationEndpoint), "AcceptInvitation.sql");

    public static ProblemDetails Validate(ClaimsPrincipal caller) => caller.DenyOutsideScope() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Joins the invitation's workspace with its role. The token is the secret from the invitation (not an id);
    /// the caller must be signed in with the invited email.
    /// </summary>
    [WolverinePost("/invitations/{token}/accept")]
    [ProducesResponseType<MemberResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        [MaxLength(SessionStore.TokenLength)] string token,
        ClaimsPrincipal caller,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var userId = caller.UserId();
        var now = clock.DbNow();

        await using var tx = await outbox.BeginAsync(ct);
        var invitation = await tx.QuerySingleOrDefaultAsync<PendingInvitation>(Find, new { hash = SessionStore.Hash(token), userId }, ct);
        var (problem, joined) = AcceptInvitationDecision.Decide(invitation, userId, now);
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        var member = await tx.QuerySingleOrDefaultAsync<MemberResponse>(
            Join,
            new
            {
                joined!.WorkspaceId,
                joined.UserId,
                Role = joined.Role.Name(), // Dapper would send an enum as its number
                JoinedAt = now,
                joined.InvitationId,
            },
            ct
        );
        if (member is null)
        {
            return Results.Problem(Problems.Conflict("You are already a member of this workspace."));
        }

        tx.Publish(joined);
        await tx.CommitAsync(ct);
        return Results.Ok(member);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class AcceptInvitationDecision
{
    /// <summary>Unknown, used and expired invitations all look the same (404); another person's invitation is 403.</summary>
    public static (ProblemDetails? Problem, MemberJoined? Joined) Decide(PendingInvitation? invitation, Guid userId, DateTime now)
    {
        if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= now)
        {
            return (Problems.NotFound("The invitation"), null);
        }

        if (invitation.EmailNormalized != invitation.CallerEmailNormalized)
        {
            return (Problems.Forbidden("This invitation is for another email address; sign in with that address to accept it."), null);
        }

        return (null, new MemberJoined(Guid.CreateVersion7(), invitation.WorkspaceId, userId, now, userId, invitation.Role, invitation.Id));
    }
}
