using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Tokens;

public static class TokenRules
{
    public const int NameMax = 100;

    /// <summary>Most workspaces a token may be limited to.</summary>
    public const int WorkspacesMax = 100;
}

/// <summary>
/// A personal API token as listed: never its value, which is shown once on creation. <see cref="ReadOnly"/> and
/// <see cref="WorkspaceIds"/> (null: all) are its scope.
/// </summary>
public sealed record TokenResponse(
    Guid Id,
    [property: MaxLength(TokenRules.NameMax)] string Name,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt,
    bool ReadOnly,
    [property: MaxLength(TokenRules.WorkspacesMax)] Guid[]? WorkspaceIds
);
