using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.ConfirmEmailVerification;

public sealed record EmailVerificationConfirmation([property: MaxLength(SessionStore.TokenLength)] string? Token);

public static class ConfirmEmailVerificationEndpoint
{
    private static readonly string Verify = Sql.Load(typeof(ConfirmEmailVerificationEndpoint), "VerifyEmail.sql");

    public static ProblemDetails Validate(EmailVerificationConfirmation? request) =>
        request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors().Required("token", request.Token, SessionStore.TokenLength).ToProblem();

    /// <summary>
    /// Verifies the address with the token from a verification mail (once, within 24 hours). No sign-in needed: the link
    /// may be opened on another device; the token alone proves the mail was read.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost("/auth/email-verification/confirm")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(EmailVerificationConfirmation request, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.DbNow();
        await using var tx = await outbox.BeginAsync(ct);
        var userId = await UserTokens.SpendAsync(tx, request.Token!, UserTokens.EmailVerification, now, ct);
        if (userId is not { } id)
        {
            return UserTokens.Invalid();
        }

        await tx.ExecuteAsync(Verify, new { UserId = id, Now = now }, ct);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
