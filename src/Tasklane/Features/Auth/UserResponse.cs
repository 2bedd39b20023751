namespace Tasklane.Features.Auth;

/// <summary>A user as the API shows it to that user.</summary>
public sealed record UserResponse(Guid Id, string Email, string DisplayName, DateTime CreatedAt);
