using System.Security.Claims;

namespace Tasklane.Infrastructure.Auth;

public static class CallerExtensions
{
    /// <summary>The claim holding the caller's <see cref="Credential"/>, set by <see cref="BearerSessionHandler"/>.</summary>
    public const string CredentialClaim = "tasklane:credential";

    /// <summary>The authenticated caller's user id; endpoints only run after authentication succeeded.</summary>
    public static Guid UserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>The authenticated caller's credential; endpoints only run after authentication succeeded.</summary>
    public static Credential SignedInWith(this ClaimsPrincipal user) => Enum.Parse<Credential>(user.FindFirstValue(CredentialClaim)!);
}
