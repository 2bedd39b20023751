using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OtpNet;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.EnrolTwoFactor;

/// <summary>
/// The new TOTP secret (base32, for typing in), the <c>otpauth://</c> URI an authenticator app takes, and that URI as a QR
/// code (a <c>data:image/png</c> URI, ready for an <c>img</c> element). It does nothing until a code from the app confirms
/// it (<c>POST /me/two-factor/confirm</c>).
/// </summary>
public sealed record TwoFactorEnrolment(
    [property: MaxLength(TwoFactorCodes.SecretLength)] string Secret,
    [property: MaxLength(TwoFactorCodes.UriMax)] string OtpauthUri,
    [property: MaxLength(TwoFactorCodes.QrCodeMax)] string QrCode
);

public static class EnrolTwoFactorEndpoint
{
    private static readonly string Enrol = Sql.Load(typeof(EnrolTwoFactorEndpoint), "EnrolTwoFactor.sql");

    public static ProblemDetails Validate(ClaimsPrincipal caller) => TwoFactorRules.DenyApiToken(caller) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Starts enrolling the caller in two-factor authentication (TOTP): a new secret, replacing one not yet confirmed. 409
    /// when two-factor authentication is enabled already; needs a session (a password sign-in), not an API token.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/me/two-factor")]
    [ProducesResponseType<TwoFactorEnrolment>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Post(
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TwoFactorSecrets secrets,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!secrets.Configured)
        {
            return TwoFactorSecrets.NotConfigured();
        }

        var userId = caller.UserId();
        var secret = KeyGeneration.GenerateRandomKey(TwoFactorCodes.SecretBytes);
        await using var connection = await db.OpenConnectionAsync(ct);
        var email = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(
                Enrol,
                new
                {
                    UserId = userId,
                    Secret = secrets.Seal(userId, secret),
                    Now = clock.DbNow(),
                },
                cancellationToken: ct
            )
        );
        if (email is null)
        {
            return Results.Problem(Problems.Conflict("Two-factor authentication is enabled already; disable it first to enrol again."));
        }

        var base32 = Base32Encoding.ToString(secret);
        var uri = new OtpUri(OtpType.Totp, base32, email, TwoFactorCodes.Issuer).ToString();
        return Results.Ok(new TwoFactorEnrolment(base32, uri, TwoFactorCodes.QrCode(uri)));
    }
}
