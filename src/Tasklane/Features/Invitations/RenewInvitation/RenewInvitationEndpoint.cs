using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Invitations.CreateInvitation;
using Tasklane.Features.Mail;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Invitations.RenewInvitation;

/// <summary>A pending invitation as the renew step needs it.</summary>
public sealed record RenewableInvitation(Guid InvitationId, string Email, WorkspaceRole Role);

public static class RenewInvitationEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(RenewInvitationEndpoint), "LockInvitation.sql");
    private static readonly string Renew = Sql.Load(typeof(RenewInvitationEndpoint), "RenewInvitation.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Gives a pending invitation a new token, valid for 7 days from now (expired invitations too), for an admin to pass on
    /// again, or for the first time when an import made the invitation. The old token stops working. With mail configured,
    /// the new accept link is mailed to the invited address.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/workspaces/{workspaceId}/invitations/{invitationId}/renew")]
    [ProducesResponseType<CreatedInvitationResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid invitationId,
        [NotBody] Membership membership,
        Outbox outbox,
        MailSettings mail,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        var invitation = await tx.QuerySingleOrDefaultAsync<RenewableInvitation>(Lock, new { invitationId, membership.WorkspaceId }, ct);
        var token = SessionStore.NewToken();
        var (problem, renewed, invited) = RenewInvitationDecision.Decide(invitation, membership, token, clock.DbNow());
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        await tx.ExecuteAsync(
            Renew,
            new
            {
                invitationId,
                TokenHash = SessionStore.Hash(token),
                renewed!.ExpiresAt,
            },
            ct
        );
        tx.Publish(invited!);
        if (mail.Configured)
        {
            // The new link by mail; a mail of the old token not sent yet is skipped (its token no longer matches).
            tx.Send(new SendMail(Guid.CreateVersion7(), MailKind.Invitation, invitationId, token));
        }

        await tx.CommitAsync(ct);
        return Results.Ok(renewed);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class RenewInvitationDecision
{
    /// <summary>
    /// Unknown and accepted invitations are 404; only an owner renews an owner's invitation (403). The renewal is announced
    /// as the invitation made anew.
    /// </summary>
    public static (ProblemDetails? Problem, CreatedInvitationResponse? Renewed, MemberInvited? Invited) Decide(
        RenewableInvitation? invitation,
        Membership membership,
        string token,
        DateTime now
    )
    {
        if (invitation is null)
        {
            return (Problems.NotFound("The invitation"), null, null);
        }

        if (invitation.Role == WorkspaceRole.Owner && !membership.Can(Permission.Own))
        {
            return (Problems.Forbidden("Only an owner can renew an owner's invitation."), null, null);
        }

        var renewed = new CreatedInvitationResponse(
            invitation.InvitationId,
            membership.WorkspaceId,
            token,
            invitation.Email,
            invitation.Role,
            now + InvitationRules.Lifetime
        );
        var invited = new MemberInvited(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.UserId,
            now,
            invitation.InvitationId,
            invitation.Email,
            invitation.Role,
            renewed.ExpiresAt
        );
        return (null, renewed, invited);
    }
}
