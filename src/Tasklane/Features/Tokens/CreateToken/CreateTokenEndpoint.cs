using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tokens.CreateToken;

/// <summary>
/// <c>readOnly</c>: the token may only read (GET). <c>workspaceIds</c>: the token reaches only these of your workspaces
/// (anything else is 404 to it, and it cannot create or join workspaces or manage tokens); absent: all of them.
/// </summary>
public sealed record CreateTokenRequest(
    [property: MaxLength(TokenRules.NameMax)] string? Name,
    DateTimeOffset? ExpiresAt,
    bool? ReadOnly = null,
    [property: MinLength(1), MaxLength(TokenRules.WorkspacesMax)] Guid[]? WorkspaceIds = null
);

/// <summary>The new token with its value: the only time the value is shown (only its hash is stored).</summary>
public sealed record CreatedTokenResponse(
    Guid Id,
    [property: MaxLength(TokenRules.NameMax)] string Name,
    [property: MaxLength(SessionStore.ApiTokenPrefixLength + SessionStore.TokenLength)] string Token,
    DateTime? ExpiresAt,
    DateTime CreatedAt,
    bool ReadOnly,
    [property: MaxLength(TokenRules.WorkspacesMax)] Guid[]? WorkspaceIds
);

public static class CreateTokenEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateTokenEndpoint), "CreateToken.sql");
    private static readonly string Foreign = Sql.Load(typeof(CreateTokenEndpoint), "ForeignWorkspaces.sql");

    // A token that could mint tokens would outlive its own revocation through its offspring; a stolen one would
    // become permanent. Only a password sign-in creates them.
    public static ProblemDetails Validate(CreateTokenRequest? request, ClaimsPrincipal caller, TimeProvider clock) =>
        caller.SignedInWith() == Credential.ApiToken
            ? Problems.Forbidden(
                "An API token cannot create API tokens: sign in with your password (POST /auth/login) and use that session's token."
            )
        : request is null ? FieldErrors.MissingBody()
        : new FieldErrors()
            .Required("name", request.Name, TokenRules.NameMax)
            .Check("expiresAt", request.ExpiresAt is null || request.ExpiresAt > clock.GetUtcNow(), "Must be in the future.")
            .Check(
                "workspaceIds",
                request.WorkspaceIds is null or { Length: >= 1 and <= TokenRules.WorkspacesMax },
                $"Between 1 and {TokenRules.WorkspacesMax} workspaces (leave it out for all of yours)."
            )
            .ToProblem();

    /// <summary>
    /// A personal API token for the CLI and scripts, used as <c>Authorization: Bearer tl_pat_…</c>; created by a signed-in session only.
    /// </summary>
    [AnswersSecret]
    [WolverinePost("/me/tokens")]
    [ProducesResponseType<CreatedTokenResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateTokenRequest request,
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var token = CreateTokenDecision.Decide(request, clock.DbNow());
        await using var connection = await db.OpenConnectionAsync(ct);
        if (token.WorkspaceIds is { } scope)
        {
            var foreign = (
                await connection.QueryAsync<Guid>(
                    new CommandDefinition(Foreign, new { ids = scope, userId = caller.UserId() }, cancellationToken: ct)
                )
            ).AsList();
            if (foreign.Count > 0)
            {
                return Results.Problem(
                    new FieldErrors().Add("workspaceIds", $"Not workspaces of yours: {string.Join(", ", foreign.Take(10))}.").ToProblem()
                );
            }
        }

        await connection.ExecuteAsync(
            new CommandDefinition(
                Insert,
                new
                {
                    token.Id,
                    UserId = caller.UserId(),
                    token.Name,
                    TokenHash = SessionStore.Hash(token.Token),
                    token.CreatedAt,
                    token.ExpiresAt,
                    token.ReadOnly,
                    token.WorkspaceIds,
                },
                cancellationToken: ct
            )
        );
        // No Location: a token has no URL of its own; it appears in GET /me/tokens.
        return Results.Created((string?)null, token);
    }
}

/// <remarks>Called by the endpoint, not routed as a message.</remarks>
public static class CreateTokenDecision
{
    /// <summary>256 random bits behind a fixed prefix, which routes the lookup to Postgres and lets secret scanners spot a leak.</summary>
    public static CreatedTokenResponse Decide(CreateTokenRequest request, DateTime now) =>
        new(
            Guid.CreateVersion7(),
            request.Name!.Trim(),
            SessionStore.ApiTokenPrefix + SessionStore.NewToken(),
            request.ExpiresAt?.UtcDateTime.AtDbPrecision(),
            now,
            request.ReadOnly ?? false,
            request.WorkspaceIds is { } ids ? [.. ids.Distinct().Order()] : null
        );
}
