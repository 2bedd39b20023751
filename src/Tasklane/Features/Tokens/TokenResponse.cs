using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Tokens;

public static class TokenRules
{
    public const int NameMax = 100;
}

/// <summary>A personal API token as listed: never its value, which is shown once on creation.</summary>
public sealed record TokenResponse(
    Guid Id,
    [property: MaxLength(TokenRules.NameMax)] string Name,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt
);
