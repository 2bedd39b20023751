using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.Register;

public sealed record RegisterRequest(
    [property: MaxLength(UserRules.EmailMax)] string? Email,
    [property: MinLength(UserRules.PasswordMin)] [property: MaxLength(UserRules.PasswordMax)] string? Password,
    [property: MaxLength(UserRules.DisplayNameMax)] string? DisplayName
);

/// <summary>The one answer to every valid registration, new address or taken: no id, nothing about the account.</summary>
public sealed record RegisterResponse([property: OneOf(typeof(RegisterEndpoint), nameof(RegisterEndpoint.Messages))] string Message);

public static class RegisterEndpoint
{
    private static readonly string InsertUser = Sql.Load(typeof(RegisterEndpoint), "Register.sql");

    /// <summary>The one answer, whether or not the address had an account: it must not tell which.</summary>
    private const string ReceivedMessage =
        "Registration received. Sign in with this email and password; if the address already had an account, its password is unchanged.";

    /// <summary>Every message a <see cref="RegisterResponse"/> carries, as the document states it.</summary>
    internal static readonly string[] Messages = [ReceivedMessage];

    private static readonly RegisterResponse Received = new(ReceivedMessage);

    public static ProblemDetails Validate(RegisterRequest? request) =>
        request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors()
                .Required("email", request.Email, UserRules.EmailMax)
                .Check("email", request.Email is null || MailAddress.TryCreate(request.Email.Trim(), out _), "Is not an email address.")
                .Required("password", request.Password, UserRules.PasswordMax)
                .Check(
                    "password",
                    request.Password is null || request.Password.Length >= UserRules.PasswordMin,
                    $"At least {UserRules.PasswordMin} characters."
                )
                .Required("displayName", request.DisplayName, UserRules.DisplayNameMax)
                .ToProblem();

    /// <summary>
    /// Creates the account unless the address has one, and answers both alike (status, body, and time: the password
    /// is hashed either way), so registering cannot tell anyone whether an email has an account. The new user signs in next.
    /// </summary>
    [AllowAnonymous]
    [WolverinePost("/auth/register")]
    [ProducesResponseType<RegisterResponse>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(
        RegisterRequest request,
        NpgsqlDataSource db,
        Passwords passwords,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var email = request.Email!.Trim();
        var passwordHash = passwords.Hash(request.Password!);
        await using var connection = await db.OpenConnectionAsync(ct);
        // A taken address inserts nothing (on conflict do nothing): its owner keeps the account and its password.
        await connection.ExecuteAsync(
            new CommandDefinition(
                InsertUser,
                new
                {
                    Id = Guid.CreateVersion7(),
                    Email = email,
                    EmailNormalized = email.ToUpperInvariant(),
                    DisplayName = request.DisplayName!.Trim(),
                    PasswordHash = passwordHash,
                    CreatedAt = clock.DbNow(),
                },
                cancellationToken: ct
            )
        );

        return Results.Accepted((string?)null, Received);
    }
}
