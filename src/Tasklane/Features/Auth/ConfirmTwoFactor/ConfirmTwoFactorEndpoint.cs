using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.ConfirmTwoFactor;

/// <summary>A code the authenticator app shows for the secret just enrolled.</summary>
public sealed record ConfirmTwoFactorRequest([property: MaxLength(TwoFactorCodes.CodeMax)] string? Code);

public static class ConfirmTwoFactorEndpoint
{
    private static readonly string Confirm = Sql.Load(typeof(ConfirmTwoFactorEndpoint), "ConfirmTwoFactor.sql");

    public static ProblemDetails Validate(ConfirmTwoFactorRequest? request, ClaimsPrincipal caller) =>
        TwoFactorRules.DenyApiToken(caller)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors().Required("code", request.Code, TwoFactorCodes.CodeMax).ToProblem()
        );

    /// <summary>
    /// Turns two-factor authentication on with a first code from the app, and answers ten recovery codes, shown this once.
    /// From now on signing in asks for a code. 409 when nothing is enrolled or it is enabled already.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/me/two-factor/confirm")]
    [ProducesResponseType<RecoveryCodesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Post(
        ConfirmTwoFactorRequest request,
        ClaimsPrincipal caller,
        TwoFactorCodes codes,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        TwoFactorSecrets secrets,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var userId = caller.UserId();
        if (!secrets.Configured)
        {
            return TwoFactorSecrets.NotConfigured();
        }

        if (await TwoFactorCodes.LimitAsync(limits, settings, userId, ct) is { } limited)
        {
            return limited;
        }

        var stored = await codes.FindAsync(userId, ct);
        if (stored is null or { Enabled: true })
        {
            return Results.Problem(
                Problems.Conflict(
                    stored is null
                        ? "Nothing to confirm: enrol first (POST /me/two-factor)."
                        : "Two-factor authentication is enabled already."
                )
            );
        }

        if (codes.MatchedStep(secrets.Open(userId, stored.Secret), request.Code) is not { } step)
        {
            return Results.Problem(new FieldErrors().Add("code", "Is wrong: enter the code the app shows now.").ToProblem());
        }

        var recoveryCodes = TwoFactorCodes.NewRecoveryCodes();
        await using var tx = await outbox.BeginAsync(ct);
        var confirmed = await tx.ExecuteAsync(
            Confirm,
            new
            {
                UserId = userId,
                Now = clock.DbNow(),
                Step = step,
                stored.Secret,
            },
            ct
        );
        if (confirmed == 0)
        {
            return Results.Problem(Problems.Conflict("The enrolment changed meanwhile (enrolled again or confirmed): start over."));
        }

        await TwoFactorCodes.ReplaceRecoveryCodesAsync(tx, userId, recoveryCodes, ct);
        await TwoFactorCodes.InvalidateAccessAsync(tx, userId, ct);
        await tx.CommitAsync(ct);
        return Results.Ok(new RecoveryCodesResponse(recoveryCodes));
    }
}
