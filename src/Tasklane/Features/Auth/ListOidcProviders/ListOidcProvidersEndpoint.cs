using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Auth.ListOidcProviders;

/// <summary>
/// A provider to offer as "Sign in with <c>name</c>". A browser signs in by navigating (not fetching) to <c>startPath</c>,
/// optionally with <c>?returnTo=</c> a path of the web app to come back to.
/// </summary>
public sealed record OidcProviderResponse(
    [property: MaxLength(32)] string Id,
    [property: MaxLength(200)] string Name,
    [property: MaxLength(200)] string StartPath
);

public sealed record OidcProvidersResponse([property: MaxLength(OidcProviders.Max)] IReadOnlyList<OidcProviderResponse> Providers);

public static class ListOidcProvidersEndpoint
{
    /// <summary>
    /// The OpenID providers people may sign in with, for the sign-in page; none when the feature is off (the other OIDC routes
    /// then answer 404). An empty list rather than a 404 here: every sign-in page asks, and a browser reports each 404 as
    /// an error in its console.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/auth/oidc/providers")]
    [ProducesResponseType<OidcProvidersResponse>(StatusCodes.Status200OK)]
    public static OidcProvidersResponse Get(OidcProviders providers) =>
        new([.. providers.All.Select(p => new OidcProviderResponse(p.Id, p.Name, ApiRoutes.Path($"auth/oidc/{p.Id}/start")))]);
}
