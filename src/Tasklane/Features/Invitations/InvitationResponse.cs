namespace Tasklane.Features.Invitations;

/// <summary>A pending invitation as listed; its token is only ever shown to the inviter, once, on creation.</summary>
public sealed record InvitationResponse(Guid InvitationId, Guid WorkspaceId, string Email, string Role, Guid InvitedBy, DateTime CreatedAt, DateTime ExpiresAt);
