using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Tasklane.Features.Members;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Auth.CompleteOidcSignIn;

/// <summary>What a provider vouched for that Tasklane uses: a verified email and a name for a new account.</summary>
public sealed record VouchedIdentity(string Email, string DisplayName);

/// <summary>
/// The account side of an OpenID Connect sign-in, called by the handler's events once the tokens are verified: the user
/// of the verified email (created when new, with a password nobody knows: a password reset sets one), and the workspace
/// roles the provider's settings map claims to, all in one transaction with their member events. A user with two-factor
/// authentication is signed in without a code: the provider is trusted for how it authenticated them.
/// </summary>
public sealed class OidcSignIn(Outbox outbox, Passwords passwords, TimeProvider clock, ILogger<OidcSignIn> logger) : IOidcSignIn
{
    private static readonly string FindUser = Sql.Load(typeof(OidcSignIn), "FindOidcUser.sql");
    private static readonly string CreateUser = Sql.Load(typeof(OidcSignIn), "CreateOidcUser.sql");
    private static readonly string MapRole = Sql.Load(typeof(OidcSignIn), "MapMemberRole.sql");

    public async Task<(Guid? UserId, ProblemDetails? Problem)> SignInAsync(
        OidcProvider provider,
        ClaimsPrincipal vouched,
        CancellationToken ct
    )
    {
        var claims = vouched.Claims.ToList();
        var (identity, problem) = CompleteOidcSignInDecision.Decide(provider.Name, claims);
        if (identity is null)
        {
            return (null, problem);
        }

        var now = clock.DbNow();
        var email = new { EmailNormalized = identity.Email.ToUpperInvariant(), Now = now };
        await using var tx = await outbox.BeginAsync(ct);
        var userId =
            await tx.QuerySingleOrDefaultAsync<Guid?>(FindUser, email, ct)
            ?? await tx.QuerySingleOrDefaultAsync<Guid?>(
                CreateUser,
                new
                {
                    Id = Guid.CreateVersion7(),
                    identity.Email,
                    email.EmailNormalized,
                    identity.DisplayName,
                    PasswordHash = passwords.Hash(SessionStore.NewToken()),
                    Now = now,
                },
                ct
            )
            ?? await tx.QuerySingleAsync<Guid>(FindUser, email, ct);

        foreach (var (workspaceId, role) in CompleteOidcSignInDecision.MappedRoles(provider.RoleMappings, claims))
        {
            await MapRoleAsync(tx, provider, userId, workspaceId, role, now, ct);
        }

        await tx.CommitAsync(ct);
        return (userId, null);
    }

    private async Task MapRoleAsync(
        OutboxTransaction tx,
        OidcProvider provider,
        Guid userId,
        Guid workspaceId,
        WorkspaceRole role,
        DateTime now,
        CancellationToken ct
    )
    {
        // The lock every membership change takes first, so this cannot race an owner changing the same member.
        var roster = await Roster.LockAsync(tx, workspaceId, userId, userId, ct);
        if (roster.Owners == 0)
        {
            // Every workspace has an owner: none means there is no such workspace (deleted, or a typo in the settings).
            logger.LogWarning(
                "OpenID provider {Provider} maps a role in workspace {Workspace}, which does not exist",
                provider.Id,
                workspaceId
            );
            return;
        }

        if (roster.TargetRole == role || roster.TargetRole == WorkspaceRole.Owner)
        {
            return; // nothing to change, and an owner is never demoted by a claim
        }

        await tx.ExecuteAsync(
            MapRole,
            new
            {
                WorkspaceId = workspaceId,
                UserId = userId,
                Role = role.Name(), // Dapper would send an enum as its number
                Now = now,
            },
            ct
        );
        tx.Publish(
            roster.TargetRole is { } from
                ? new MemberRoleChanged(Guid.CreateVersion7(), workspaceId, userId, now, userId, from, role)
                : new MemberJoined(Guid.CreateVersion7(), workspaceId, userId, now, userId, role, null)
        );
    }
}

/// <remarks>Called by <see cref="OidcSignIn"/> with the claims the handler verified, not routed as a message.</remarks>
public static class CompleteOidcSignInDecision
{
    /// <summary>
    /// The identity to sign in, or why not: only an email the provider says it verified (<c>email_verified</c> true) links to
    /// an account or creates one. Anyone can put any address in an unverified claim, so it never reaches an existing account.
    /// </summary>
    public static (VouchedIdentity? Identity, ProblemDetails? Problem) Decide(string providerName, IReadOnlyList<Claim> claims)
    {
        var email = claims.FirstOrDefault(c => c.Type == "email")?.Value.Trim();
        if (email is not { Length: > 0 and <= UserRules.EmailMax } || !MailAddress.TryCreate(email, out _))
        {
            return (null, Problems.Forbidden($"{providerName} did not share an email address, which Tasklane needs to know who you are."));
        }

        if (!claims.Any(c => c.Type == "email_verified" && string.Equals(c.Value, "true", StringComparison.OrdinalIgnoreCase)))
        {
            return (
                null,
                Problems.Forbidden(
                    $"{providerName} has not verified {email}, and Tasklane signs in only with a verified address. Verify it there, "
                        + "or sign in with your password."
                )
            );
        }

        var name = claims.FirstOrDefault(c => c.Type == "name")?.Value.Trim() is { Length: > 0 } given ? given : email.Split('@')[0];
        return (new VouchedIdentity(email, name.Length > UserRules.DisplayNameMax ? name[..UserRules.DisplayNameMax] : name), null);
    }

    /// <summary>
    /// The role each mapped workspace gets: of the mappings whose claim the user has with the mapped value, the highest per
    /// workspace (a member of both "tasklane-admins" and "tasklane-users" is an admin).
    /// </summary>
    public static IEnumerable<(Guid WorkspaceId, WorkspaceRole Role)> MappedRoles(
        IEnumerable<OidcRoleMapping> mappings,
        IReadOnlyList<Claim> claims
    ) =>
        mappings
            .Where(m => claims.Any(c => c.Type == m.Claim && c.Value == m.Value))
            .Select(m => (WorkspaceId: Guid.Parse(m.Workspace), Role: WorkspaceRoles.Parse(m.Role)))
            .GroupBy(m => m.WorkspaceId)
            .Select(g => (g.Key, g.Max(m => m.Role)));
}
