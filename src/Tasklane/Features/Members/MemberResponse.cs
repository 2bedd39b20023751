namespace Tasklane.Features.Members;

/// <summary>A workspace membership with the member's public profile.</summary>
public sealed record MemberResponse(Guid WorkspaceId, Guid UserId, string Email, string DisplayName, string Role, DateTime JoinedAt);
