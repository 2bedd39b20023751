using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> requests through <see cref="SessionStore"/>: login sessions in Redis,
/// and personal API tokens (<c>tl_pat_…</c>) in Postgres, which answer 401 once revoked or expired.
/// </summary>
public sealed class BearerSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionStore sessions
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var scope = await sessions.TouchAsync(token);
        if (scope is null)
        {
            return AuthenticateResult.Fail("The token is invalid, expired or revoked.");
        }

        var credential = SessionStore.IsApiToken(token) ? Credential.ApiToken : Credential.Session;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, scope.UserId.ToString()),
                new Claim(CallerExtensions.CredentialClaim, credential.ToString()),
                .. CallerExtensions.ScopeClaims(scope),
            ],
            SchemeName
        );
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
