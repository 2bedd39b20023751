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

    /// <summary>Present (true) when the caller's token may only read.</summary>
    public const string ReadOnlyClaim = "tasklane:read_only";

    /// <summary>One per workspace the caller's token is limited to; none when it is not limited.</summary>
    public const string WorkspaceClaim = "tasklane:workspace";

    /// <summary>Present (true) when the caller's token is limited to the <see cref="WorkspaceClaim"/> workspaces (maybe none left).</summary>
    public const string ScopedClaim = "tasklane:scoped";

    public static IEnumerable<Claim> ScopeClaims(TokenScope scope) =>
        (scope.ReadOnly ? [new Claim(ReadOnlyClaim, "true")] : Array.Empty<Claim>()).Concat(
            scope.WorkspaceIds is { } ids
                ? ids.Select(id => new Claim(WorkspaceClaim, id.ToString())).Prepend(new Claim(ScopedClaim, "true"))
                : []
        );

    /// <summary>Whether the caller's token may only read.</summary>
    public static bool IsReadOnly(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == ReadOnlyClaim);

    /// <summary>The workspaces the caller's token is limited to, or null when it may act wherever its user may.</summary>
    public static Guid[]? WorkspaceScope(this ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == ScopedClaim) ? user.FindAll(WorkspaceClaim).Select(c => Guid.Parse(c.Value)).ToArray() : null;

    /// <summary>Whether the caller's token reaches <paramref name="workspaceId"/>.</summary>
    public static bool Reaches(this ClaimsPrincipal user, Guid workspaceId) =>
        !user.HasClaim(c => c.Type == ScopedClaim) || user.HasClaim(WorkspaceClaim, workspaceId.ToString());

    /// <summary>
    /// 403 for a token limited to workspaces asking for something outside every workspace (a new workspace, joining
    /// one, the user's tokens); null otherwise.
    /// </summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? DenyOutsideScope(this ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == ScopedClaim)
            ? Http.Problems.Forbidden("This API token is limited to some workspaces; this needs a token that is not.")
            : null;
}
