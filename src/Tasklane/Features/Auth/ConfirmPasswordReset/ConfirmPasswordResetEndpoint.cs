using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.ConfirmPasswordReset;

public sealed record PasswordResetConfirmation(
    [property: MaxLength(SessionStore.TokenLength)] string? Token,
    [property: MinLength(UserRules.PasswordMin)] [property: MaxLength(UserRules.PasswordMax)] string? NewPassword
);

public static class ConfirmPasswordResetEndpoint
{
    private static readonly string SetPassword = Sql.Load(typeof(ConfirmPasswordResetEndpoint), "SetPassword.sql");
    private static readonly string RevokeCredentials = Sql.Load(typeof(ConfirmPasswordResetEndpoint), "RevokeCredentials.sql");

    public static ProblemDetails Validate(PasswordResetConfirmation? request) =>
        request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors()
                .Required("token", request.Token, SessionStore.TokenLength)
                .Required("newPassword", request.NewPassword, UserRules.PasswordMax)
                .Check(
                    "newPassword",
                    request.NewPassword is null || request.NewPassword.Length >= UserRules.PasswordMin,
                    $"At least {UserRules.PasswordMin} characters."
                )
                .ToProblem();

    /// <summary>
    /// Sets a new password with the token from a reset mail (once, within its hour). Every session of the account ends
    /// on every host, its personal API tokens are revoked and its other reset links die; the address counts as
    /// verified. Sign in again with the new password.
    /// </summary>
    [AllowAnonymous]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost("/auth/password-reset/confirm")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Post(
        PasswordResetConfirmation request,
        MailSettings mail,
        Outbox outbox,
        Passwords passwords,
        SessionStore sessions,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!mail.Configured)
        {
            return UserTokens.MailNotConfigured();
        }

        var passwordHash = passwords.Hash(request.NewPassword!);
        var now = clock.DbNow();
        await using var tx = await outbox.BeginAsync(ct);
        var userId = await UserTokens.SpendAsync(tx, request.Token!, UserTokens.PasswordReset, now, ct);
        if (userId is not { } id)
        {
            return UserTokens.Invalid();
        }

        await tx.ExecuteAsync(
            SetPassword,
            new
            {
                UserId = id,
                PasswordHash = passwordHash,
                Now = now,
            },
            ct
        );
        await tx.ExecuteAsync(RevokeCredentials, new { UserId = id, Now = now }, ct);
        await tx.CommitAsync(ct);

        // After the commit: a session made meanwhile with the old password ends here too.
        await sessions.RevokeAllAsync(id);
        return Results.NoContent();
    }
}
