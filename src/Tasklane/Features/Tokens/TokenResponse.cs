namespace Tasklane.Features.Tokens;

/// <summary>A personal API token as listed: never its value, which is shown once on creation.</summary>
public sealed record TokenResponse(Guid Id, string Name, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt);
