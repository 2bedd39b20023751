using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Auth;
using Tasklane.Features.Mail;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Invitations.CreateInvitation;

public sealed record CreateInvitationRequest([property: MaxLength(UserRules.EmailMax)] string? Email, WorkspaceRole? Role);

/// <summary>The new invitation with its token: the only time the token is shown (only its hash is stored).</summary>
public sealed record CreatedInvitationResponse(
    Guid InvitationId,
    Guid WorkspaceId,
    [property: MaxLength(SessionStore.TokenLength)] string Token,
    [property: MaxLength(UserRules.EmailMax)] string Email,
    WorkspaceRole Role,
    DateTime ExpiresAt
);

public static class CreateInvitationEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateInvitationEndpoint), "CreateInvitation.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateInvitationRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageMembers)
        ?? (request is null ? FieldErrors.MissingBody() : CreateInvitationDecision.Validate(request, membership!));

    /// <summary>
    /// Invites an email address to the workspace; whoever signs in with that email can accept within 7 days. With mail
    /// configured, the invited address gets the accept link by mail.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/workspaces/{workspaceId}/invitations")]
    [ProducesResponseType<CreatedInvitationResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateInvitationRequest request,
        Membership membership,
        Outbox outbox,
        MailSettings mail,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var token = SessionStore.NewToken();
        var (invitation, invited) = CreateInvitationDecision.Decide(request, membership, token, clock.DbNow());

        await using var tx = await outbox.BeginAsync(ct);
        var inserted = await tx.ExecuteAsync(
            Insert,
            new
            {
                invitation.InvitationId,
                invitation.WorkspaceId,
                invitation.Email,
                EmailNormalized = InvitationRules.Normalize(invitation.Email),
                Role = invitation.Role.Name(), // Dapper would send an enum as its number
                TokenHash = SessionStore.Hash(token),
                InvitedBy = membership.UserId,
                CreatedAt = invited.OccurredAt,
                invitation.ExpiresAt,
            },
            ct
        );
        if (inserted == 0)
        {
            return Results.Problem(Problems.Conflict("Someone with this email is already a member of the workspace."));
        }

        tx.Publish(invited);
        if (mail.Configured)
        {
            // The worker mails the accept link ({PublicBaseUrl}/invitations/accept#token=…); the answer shows the token too.
            tx.Send(new SendMail(Guid.CreateVersion7(), MailKind.Invitation, invitation.InvitationId, token));
        }

        await tx.CommitAsync(ct);
        // No Location: an invitation has no URL of its own; it appears in the workspace's invitation list.
        return Results.Created((string?)null, invitation);
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateInvitationDecision
{
    /// <summary>Field errors first (400); then only an owner may invite an owner (403).</summary>
    public static ProblemDetails Validate(CreateInvitationRequest request, Membership membership)
    {
        var errors = new FieldErrors()
            .Required("email", request.Email, UserRules.EmailMax)
            .Check(
                "email",
                string.IsNullOrWhiteSpace(request.Email) || MailAddress.TryCreate(request.Email.Trim(), out _),
                "Is not an email address."
            )
            .OneOf("role", request.Role, WorkspaceRoles.Names);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return Role(request) == WorkspaceRole.Owner && !membership.Can(Permission.Own)
            ? Problems.Forbidden("Only an owner can invite an owner.")
            : WolverineContinue.NoProblems;
    }

    public static (CreatedInvitationResponse Invitation, MemberInvited Invited) Decide(
        CreateInvitationRequest request,
        Membership membership,
        string token,
        DateTime now
    )
    {
        var invitation = new CreatedInvitationResponse(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            token,
            request.Email!.Trim(),
            Role(request),
            now + InvitationRules.Lifetime
        );
        var invited = new MemberInvited(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.UserId,
            now,
            invitation.InvitationId,
            invitation.Email,
            Role(request),
            invitation.ExpiresAt
        );
        return (invitation, invited);
    }

    /// <summary>The validated role asked for; member when none was.</summary>
    private static WorkspaceRole Role(CreateInvitationRequest request) => request.Role ?? WorkspaceRole.Member;
}
