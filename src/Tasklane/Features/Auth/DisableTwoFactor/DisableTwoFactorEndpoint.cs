using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.DisableTwoFactor;

public static class DisableTwoFactorEndpoint
{
    private static readonly string Owns = Sql.Load(typeof(DisableTwoFactorEndpoint), "OwnsWorkspaceRequiringTwoFactor.sql");
    private static readonly string Disable = Sql.Load(typeof(DisableTwoFactorEndpoint), "DisableTwoFactor.sql");

    public static ProblemDetails Validate(TwoFactorCodeRequest? request, ClaimsPrincipal caller) =>
        TwoFactorRules.DenyApiToken(caller) ?? TwoFactorCodeRequest.Validate(request);

    /// <summary>
    /// Turns two-factor authentication off, with a fresh code (TOTP or recovery): the secret and the recovery codes are
    /// deleted. 409 while the caller owns a workspace that requires two-factor authentication (they would lock themselves out).
    /// </summary>
    [WolverineDelete("/me/two-factor")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Delete(
        TwoFactorCodeRequest request,
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TwoFactorCodes codes,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        Outbox outbox,
        CancellationToken ct
    )
    {
        var userId = caller.UserId();
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Owns, new { UserId = userId }, cancellationToken: ct)))
            {
                return Results.Problem(
                    Problems.Conflict(
                        "You own a workspace that requires two-factor authentication: turn that requirement off first (PATCH /workspaces/{workspaceId})."
                    )
                );
            }
        }

        if (await TwoFactorCodes.LimitAsync(limits, settings, userId, ct) is { } limited)
        {
            return limited;
        }

        if (!await codes.SpendAsync(userId, request.Code, request.RecoveryCode, ct))
        {
            return Results.Problem(TwoFactorCodeRequest.Wrong(request));
        }

        await using var tx = await outbox.BeginAsync(ct);
        await tx.ExecuteAsync(Disable, new { UserId = userId }, ct);
        await TwoFactorCodes.InvalidateAccessAsync(tx, userId, ct);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
