using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Auth.RegenerateRecoveryCodes;

public static class RegenerateRecoveryCodesEndpoint
{
    public static ProblemDetails Validate(TwoFactorCodeRequest? request, ClaimsPrincipal caller) =>
        TwoFactorRules.DenyApiToken(caller) ?? TwoFactorCodeRequest.Validate(request);

    /// <summary>Ten new recovery codes for a fresh code (TOTP or recovery), shown this once; the earlier ones stop working.</summary>
    [AnswersSecret]
    [WolverinePost("/me/two-factor/recovery-codes")]
    [ProducesResponseType<RecoveryCodesResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        TwoFactorCodeRequest request,
        ClaimsPrincipal caller,
        TwoFactorCodes codes,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        Outbox outbox,
        CancellationToken ct
    )
    {
        var userId = caller.UserId();
        if (await TwoFactorCodes.LimitAsync(limits, settings, userId, ct) is { } limited)
        {
            return limited;
        }

        if (!await codes.SpendAsync(userId, request.Code, request.RecoveryCode, ct))
        {
            return Results.Problem(TwoFactorCodeRequest.Wrong(request));
        }

        var recoveryCodes = TwoFactorCodes.NewRecoveryCodes();
        await using var tx = await outbox.BeginAsync(ct);
        await TwoFactorCodes.ReplaceRecoveryCodesAsync(tx, userId, recoveryCodes, ct);
        await tx.CommitAsync(ct);
        return Results.Ok(new RecoveryCodesResponse(recoveryCodes));
    }
}
