using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.StartOidcSignIn;

public static class StartOidcSignInEndpoint
{
    public const int ProviderIdMax = 32;

    public static ProblemDetails Validate(string provider, OidcProviders providers) =>
        providers.Find(provider) is null ? Problems.NotFound("The OpenID provider") : WolverineContinue.NoProblems;

    /// <summary>
    /// Starts signing in with an OpenID provider (Authorization Code with PKCE): a browser navigates here and is sent on to the
    /// provider, which sends it back to <c>/auth/oidc/{provider}/callback</c>; that lands on the web app's
    /// <c>/signin?returnTo=…#oidc-code=…</c>, whose single-use code <c>POST /auth/oidc/session</c> exchanges for a session.
    /// <c>returnTo</c> is a path of the web app (anything else means <c>/</c>).
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/auth/oidc/{provider}/start")]
    [ProducesResponseType(StatusCodes.Status302Found)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Get(
        [MaxLength(ProviderIdMax)] string provider,
        [MaxLength(OidcReturnPaths.MaxLength)] string? returnTo,
        HttpContext context,
        OidcProviders providers,
        ILogger<OidcEvents> logger
    )
    {
        var chosen = providers.Find(provider)!;
        try
        {
            // The handler writes the redirect, the correlation and nonce cookies, and the sealed state with PKCE's verifier.
            await context.ChallengeAsync(chosen.Scheme, new AuthenticationProperties { RedirectUri = OidcReturnPaths.Safe(returnTo) });
            return Results.Empty;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("IDX20803", StringComparison.Ordinal))
        {
            // IDX20803: the discovery document could not be read (the provider is down or the authority is wrong).
            logger.LogWarning("OpenID provider {Provider} is unreachable: {Reason}", chosen.Id, e.Message);
            return Results.Problem(
                new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Service Unavailable",
                    Detail = $"{chosen.Name} could not be reached. Try again later.",
                }
            );
        }
    }
}
