using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Auth.Login;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.ExchangeOidcCode;

/// <summary>The code from the fragment of the web app's sign-in page (<c>/signin#oidc-code=…</c>), where an OpenID Connect sign-in lands.</summary>
public sealed record OidcSessionRequest([property: MaxLength(SessionStore.TokenLength)] string? Code);

public static class ExchangeOidcCodeEndpoint
{
    public static ProblemDetails Validate(OidcSessionRequest? request, OidcProviders providers) =>
        providers.All.Count == 0 ? Problems.NotFound("OpenID Connect sign-in")
        : request is null ? FieldErrors.MissingBody()
        : new FieldErrors().Required("code", request.Code, SessionStore.TokenLength).ToProblem();

    /// <summary>
    /// Exchanges the single-use code of an OpenID Connect sign-in for a session, the same as a password sign-in's. A code
    /// works once, within a minute, on any host.
    /// </summary>
    [AllowAnonymous]
    [AnswersSecret]
    [WolverinePost("/auth/oidc/session")]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public static async Task<IResult> Post(OidcSessionRequest request, OidcCodes codes, SessionStore sessions)
    {
        if (await codes.SpendAsync(request.Code!) is not { } userId)
        {
            return Results.Problem(
                new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Unauthorized",
                    Detail = "The sign-in code is unknown, used or expired: sign in again.",
                }
            );
        }

        var (token, expiresAt) = await sessions.CreateAsync(userId);
        return Results.Ok(new LoginResponse(token, expiresAt));
    }
}
