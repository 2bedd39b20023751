namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// Cached: a member's role in a workspace, and whether the workspace requires two-factor authentication the member has not
/// enabled; null for "not a member".
/// </summary>
[System.ComponentModel.ImmutableObject(true)] // HybridCache hands out the cached instance instead of deserializing a copy per read
public sealed record MemberFacts(WorkspaceRole Role, bool TwoFactorMissing);
