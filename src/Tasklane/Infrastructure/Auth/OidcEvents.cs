using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// Where Tasklane steps into the OpenIdConnect handler, which does the protocol: state (Data Protection, shared by every host
/// through Redis), the correlation and nonce cookies, PKCE, the code exchange and the id token's signature, issuer, audience,
/// lifetime and nonce. A sign-in it accepts ends here without a cookie sign-in: the user gets a single-use code for the web
/// app (<see cref="OidcCodes"/>), never a cookie, so the bearer session stays the API's only credential. Every failure is a
/// 4xx ProblemDetails (503 when the provider cannot be reached), never a session.
/// </summary>
public sealed class OidcEvents(
    OidcProviders providers,
    IOidcSignIn signIn,
    OidcCodes codes,
    IConfiguration config,
    ILogger<OidcEvents> logger
) : OpenIdConnectEvents, IScopedService
{
    /// <summary>The web app's sign-in page, which exchanges the code in its fragment for a session (Pages/SignIn.razor).</summary>
    public const string LandingPath = "/signin";

    public const string CodeFragment = "oidc-code";

    /// <summary>Behind a proxy that does not pass the public host and port, the callback URL is made from this setting.</summary>
    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        if (config["Oidc:PublicBaseUrl"] is { Length: > 0 } publicBase)
        {
            context.ProtocolMessage.RedirectUri = publicBase.TrimEnd('/') + context.Options.CallbackPath;
        }

        return Task.CompletedTask;
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        context.HandleResponse(); // no SignInAsync: there is no cookie scheme to sign in to
        var provider = providers.ForScheme(context.Scheme.Name)!;
        var (userId, problem) = await signIn.SignInAsync(provider, context.Principal!, context.HttpContext.RequestAborted);
        if (problem is not null)
        {
            await Results.Problem(problem).ExecuteAsync(context.HttpContext);
            return;
        }

        var code = await codes.CreateAsync(userId!.Value);
        // The code goes in the fragment: browsers do not send it to any server, so no access log or proxy sees it.
        var returnTo = OidcReturnPaths.Safe(context.ReturnUri);
        context.Response.Redirect($"{LandingPath}?returnTo={Uri.EscapeDataString(returnTo)}#{CodeFragment}={code}");
    }

    /// <summary>The person cancelled at the provider: back to the sign-in page, not an error page.</summary>
    public override Task AccessDenied(AccessDeniedContext context)
    {
        context.Response.Redirect(LandingPath);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        context.HandleResponse();
        var provider = providers.ForScheme(context.Scheme.Name)!;
        var unreachable =
            context.Failure is HttpRequestException or TaskCanceledException || context.Failure?.InnerException is HttpRequestException;
        // The handler's messages name what failed (state, correlation, nonce, the provider's error code), never a code or a token.
        logger.LogInformation("Sign-in with OpenID provider {Provider} failed: {Reason}", provider.Id, context.Failure?.Message);
        await Results
            .Problem(
                unreachable
                    ? new ProblemDetails
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Title = "Service Unavailable",
                        Detail = $"{provider.Name} could not be reached. Try again later.",
                    }
                    : new ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Bad Request",
                        Detail =
                            $"The sign-in with {provider.Name} could not be verified: it was not started in this browser, was already used, "
                            + "or took too long. Start it again.",
                    }
            )
            .ExecuteAsync(context.HttpContext);
    }
}

/// <summary>Where a sign-in may lead afterwards: a path of the app's own, never another site (no open redirect).</summary>
public static class OidcReturnPaths
{
    public const int MaxLength = 2000;

    /// <summary><paramref name="path"/> when it is a local path, else <c>/</c>.</summary>
    public static string Safe(string? path) =>
        path is { Length: > 0 and <= MaxLength }
        && path[0] == '/'
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.StartsWith("/\\", StringComparison.Ordinal)
        && !path.Any(c => char.IsControl(c) || c == '\\')
            ? path
            : "/";
}
