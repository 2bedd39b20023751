using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.Login;

public sealed record LoginRequest(
    [property: MaxLength(UserRules.EmailMax)] string? Email,
    [property: MaxLength(UserRules.PasswordMax)] string? Password
);

/// <summary>
/// A session (<c>token</c>, <c>expiresAt</c>), or, for an account with two-factor authentication, no session yet:
/// <c>twoFactorRequired</c> is true and <c>challenge</c> is to be sent with a code to <c>POST /auth/login/two-factor</c>
/// before <c>challengeExpiresAt</c>.
/// </summary>
public sealed record LoginResponse(
    [property: MaxLength(SessionStore.TokenLength)] string? Token,
    DateTime? ExpiresAt,
    bool TwoFactorRequired = false,
    [property: MaxLength(SessionStore.TokenLength)] string? Challenge = null,
    DateTime? ChallengeExpiresAt = null
);

public static class LoginEndpoint
{
    private static readonly string FindUser = Sql.Load(typeof(LoginEndpoint), "Login.sql");

    public static ProblemDetails Validate(LoginRequest? request) =>
        request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors()
                .Required("email", request.Email, UserRules.EmailMax)
                .Required("password", request.Password, UserRules.PasswordMax)
                .ToProblem();

    /// <summary>
    /// Signs in with email and password. For an account with two-factor authentication the answer carries a challenge instead
    /// of a session: complete it with a code at <c>POST /auth/login/two-factor</c>.
    /// </summary>
    [AllowAnonymous]
    [AnswersSecret]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost("/auth/login")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        LoginRequest request,
        NpgsqlDataSource db,
        Passwords passwords,
        SessionStore sessions,
        TwoFactorChallenges challenges,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        CancellationToken ct
    )
    {
        var email = request.Email!.Trim().ToUpperInvariant();

        // Guesses at one account are counted for that account, from whatever addresses they come (one per guess
        // costs an attacker nothing); every attempt counts, known email or not, so the answer tells nothing either.
        using var lease = await limits.AcquireAsync("login-account", email, settings.LoginAccountPermitsPerWindow, ct);
        if (!lease.IsAcquired)
        {
            return RateLimiting.TooManyRequests(lease, "Too many sign-in attempts for this account.");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<(Guid Id, string PasswordHash, bool TwoFactor)?>(
            new CommandDefinition(FindUser, new { EmailNormalized = email }, cancellationToken: ct)
        );
        await connection.CloseAsync();

        // The same answer for an unknown email and a wrong password.
        if (!passwords.Verify(user?.PasswordHash, request.Password!))
        {
            return Results.Problem(
                new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Unauthorized",
                    Detail = "The email or password is wrong.",
                }
            );
        }

        // Only now, after the password: a wrong password answers the same with or without two-factor authentication.
        var (userId, _, twoFactor) = user!.Value;
        if (twoFactor)
        {
            var (challenge, challengeExpiresAt) = await challenges.CreateAsync(userId);
            return Results.Ok(new LoginResponse(null, null, true, challenge, challengeExpiresAt));
        }

        var (token, expiresAt) = await sessions.CreateAsync(userId);
        return Results.Ok(new LoginResponse(token, expiresAt));
    }
}
