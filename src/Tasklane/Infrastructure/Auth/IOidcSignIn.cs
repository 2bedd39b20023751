using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// Turns what a provider vouched for (the handler's validated id token and userinfo claims) into a Tasklane user: the
/// account it links to or creates, or a problem to answer instead. Implemented by the Auth feature
/// (Features/Auth/CompleteOidcSignIn); the handler's events (<see cref="OidcEvents"/>) call it.
/// </summary>
public interface IOidcSignIn
{
    Task<(Guid? UserId, ProblemDetails? Problem)> SignInAsync(OidcProvider provider, ClaimsPrincipal vouched, CancellationToken ct);
}
