namespace Tasklane.Infrastructure.Auth;

/// <summary>What the caller authenticated with.</summary>
public enum Credential
{
    /// <summary>A session from signing in with the password (<c>POST /auth/login</c>).</summary>
    Session,

    /// <summary>A personal API token (<c>tl_pat_…</c>).</summary>
    ApiToken,
}
