using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Auth;

public static class TwoFactorRules
{
    /// <summary>
    /// 403 for an API token on the two-factor routes: a stolen token must not enrol its own authenticator and lock the
    /// owner out of signing in, nor turn the second factor off. API tokens themselves never ask for a code.
    /// </summary>
    public static ProblemDetails? DenyApiToken(ClaimsPrincipal caller) =>
        caller.SignedInWith() == Credential.ApiToken
            ? Problems.Forbidden("Two-factor authentication is managed from a session (POST /auth/login), not with an API token.")
            : null;
}
