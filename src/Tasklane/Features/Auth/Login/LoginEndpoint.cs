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

public sealed record LoginRequest(string? Email, string? Password);

public sealed record LoginResponse(string Token, DateTime ExpiresAt);

public static class LoginEndpoint
{
    private static readonly string FindUser = Sql.Load(typeof(LoginEndpoint), "Login.sql");

    public static ProblemDetails Validate(LoginRequest? request) => request is null
        ? FieldErrors.MissingBody()
        : new FieldErrors().Required("email", request.Email, 254).Required("password", request.Password, 128).ToProblem();

    [AllowAnonymous]
    [AnswersSecret]
    [WolverinePost("/auth/login")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(LoginRequest request, NpgsqlDataSource db, Passwords passwords, SessionStore sessions, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<(Guid Id, string PasswordHash)?>(
            new CommandDefinition(FindUser, new { EmailNormalized = request.Email!.Trim().ToUpperInvariant() }, cancellationToken: ct));
        await connection.CloseAsync();

        // The same answer for an unknown email and a wrong password.
        if (!passwords.Verify(user?.PasswordHash, request.Password!))
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "The email or password is wrong.",
            });
        }

        var (token, expiresAt) = await sessions.CreateAsync(user!.Value.Id);
        return Results.Ok(new LoginResponse(token, expiresAt));
    }
}
