using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Auth.Login;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.CompleteTwoFactorLogin;

/// <summary>The challenge from <c>POST /auth/login</c> and either a TOTP <c>code</c> or a <c>recoveryCode</c>.</summary>
public sealed record TwoFactorLoginRequest(
    [property: MaxLength(SessionStore.TokenLength)] string? Challenge,
    [property: MaxLength(TwoFactorCodes.CodeMax)] string? Code,
    [property: MaxLength(TwoFactorCodes.RecoveryCodeMax)] string? RecoveryCode
);

public static class CompleteTwoFactorLoginEndpoint
{
    public static ProblemDetails Validate(TwoFactorLoginRequest? request) =>
        request is null
            ? FieldErrors.MissingBody()
            : TwoFactorCodeRequest
                .Check(
                    new FieldErrors().Required("challenge", request.Challenge, SessionStore.TokenLength),
                    request.Code,
                    request.RecoveryCode
                )
                .ToProblem();

    /// <summary>
    /// Completes a sign-in that asked for the second factor, on any host: the same session as a password sign-in. The
    /// challenge works once, for five minutes, and dies after five wrong codes; a recovery code works once.
    /// </summary>
    [AllowAnonymous]
    [AnswersSecret]
    [RateLimiting.LimitedPerAccount]
    [WolverinePost("/auth/login/two-factor")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public static async Task<IResult> Post(
        TwoFactorLoginRequest request,
        TwoFactorChallenges challenges,
        TwoFactorCodes codes,
        KeyedLimits limits,
        RateLimiting.Settings settings,
        SessionStore sessions,
        CancellationToken ct
    )
    {
        var challenge = request.Challenge!;
        if (await challenges.UserAsync(challenge) is not { } userId)
        {
            return Unauthorized("The sign-in is unknown, expired, completed or ended by wrong codes: sign in with the password again.");
        }

        if (await TwoFactorCodes.LimitAsync(limits, settings, userId, ct) is { } limited)
        {
            return limited;
        }

        if (!await codes.SpendAsync(userId, request.Code, request.RecoveryCode, ct))
        {
            await challenges.FailAsync(challenge);
            return Unauthorized("The code is wrong or was used already.");
        }

        // The one request that ends the challenge signs in; a second with another good code finds it gone.
        if (!await challenges.SpendAsync(challenge))
        {
            return Unauthorized("The sign-in is unknown, expired, completed or ended by wrong codes: sign in with the password again.");
        }

        var (token, expiresAt) = await sessions.CreateAsync(userId);
        return Results.Ok(new LoginResponse(token, expiresAt));
    }

    private static IResult Unauthorized(string detail) =>
        Results.Problem(
            new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = detail,
            }
        );
}
