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

public sealed record LoginResponse([property: MaxLength(SessionStore.TokenLength)] string Token, DateTime ExpiresAt);

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
        var user = await connection.QuerySingleOrDefaultAsync<(Guid Id, string PasswordHash)?>(
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

        var (token, expiresAt) = await sessions.CreateAsync(user!.Value.Id);
        return Results.Ok(new LoginResponse(token, expiresAt));
    }
}
