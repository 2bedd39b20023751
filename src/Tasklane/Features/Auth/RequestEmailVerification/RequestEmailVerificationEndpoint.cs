using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.RequestEmailVerification;

/// <summary>A verification link is on its way to the caller's address; it works until <see cref="ExpiresAt"/>.</summary>
public sealed record EmailVerificationRequestedResponse(DateTime ExpiresAt);

public static class RequestEmailVerificationEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(RequestEmailVerificationEndpoint), "RequestEmailVerification.sql");

    public static ProblemDetails Validate(ClaimsPrincipal caller) => caller.DenyOutsideScope() ?? WolverineContinue.NoProblems;

    /// <summary>Mails the caller a link that verifies their email address, valid for 24 hours and once. 409 when it is verified already.</summary>
    [WolverinePost("/auth/email-verification")]
    [ProducesResponseType<EmailVerificationRequestedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Post(
        ClaimsPrincipal caller,
        MailSettings mail,
        Outbox outbox,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!mail.Configured)
        {
            return UserTokens.MailNotConfigured();
        }

        var userId = caller.UserId();
        // Each request sends a mail: far fewer than the per-user request limit.
        using var lease = await limits.AcquireAsync("email-verification", userId.ToString(), settings.LoginAccountPermitsPerWindow, ct);
        if (!lease.IsAcquired)
        {
            return RateLimiting.TooManyRequests(lease, "Too many verification mails for this account.");
        }

        var token = SessionStore.NewToken();
        var now = clock.DbNow();
        var expiresAt = now + UserTokens.EmailVerificationLifetime;
        await using var tx = await outbox.BeginAsync(ct);
        var inserted = await tx.QuerySingleOrDefaultAsync<Guid?>(
            Insert,
            new
            {
                TokenHash = SessionStore.Hash(token),
                UserId = userId,
                Now = now,
                ExpiresAt = expiresAt,
            },
            ct
        );
        if (inserted is null)
        {
            return Results.Problem(Problems.Conflict("Your email address is verified already."));
        }

        tx.Send(new SendMail(Guid.CreateVersion7(), MailKind.EmailVerification, userId, token));
        await tx.CommitAsync(ct);
        return Results.Accepted((string?)null, new EmailVerificationRequestedResponse(expiresAt));
    }
}
