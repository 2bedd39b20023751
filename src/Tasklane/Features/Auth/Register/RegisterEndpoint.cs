using System.Net.Mail;
using Dapper;
using Tasklane.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.Register;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public static class RegisterEndpoint
{
    private static readonly string InsertUser = Sql.Load(typeof(RegisterEndpoint), "Register.sql");

    public static ProblemDetails Validate(RegisterRequest? request) => request is null
        ? FieldErrors.MissingBody()
        : new FieldErrors()
            .Required("email", request.Email, 254)
            .Check("email", request.Email is null || MailAddress.TryCreate(request.Email.Trim(), out _), "Is not an email address.")
            .Required("password", request.Password, 128)
            .Check("password", request.Password is null || request.Password.Length >= 8, "At least 8 characters.")
            .Required("displayName", request.DisplayName, 100)
            .ToProblem();

    [AllowAnonymous]
    [WolverinePost("/auth/register")]
    [ProducesResponseType<UserResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(RegisterRequest request, NpgsqlDataSource db, Passwords passwords, TimeProvider clock, CancellationToken ct)
    {
        var email = request.Email!.Trim();
        var user = new UserResponse(Guid.CreateVersion7(), email, request.DisplayName!.Trim(), clock.GetUtcNow().UtcDateTime);
        await using var connection = await db.OpenConnectionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertUser, new
        {
            user.Id,
            user.Email,
            EmailNormalized = email.ToUpperInvariant(),
            user.DisplayName,
            PasswordHash = passwords.Hash(request.Password!),
            user.CreatedAt,
        }, cancellationToken: ct));

        return inserted == 0
            ? Results.Problem(Problems.Conflict("An account with this email already exists."))
            : Results.Created("/api/v1/me", user);
    }
}
