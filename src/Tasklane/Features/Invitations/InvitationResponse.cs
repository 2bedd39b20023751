using System.ComponentModel.DataAnnotations;
using Tasklane.Features.Auth;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Features.Invitations;

/// <summary>A pending invitation as listed; its token is only ever shown to the inviter, once, on creation (and on renewal).</summary>
public sealed record InvitationResponse(
    Guid InvitationId,
    Guid WorkspaceId,
    [property: MaxLength(UserRules.EmailMax)] string Email,
    WorkspaceRole Role,
    Guid InvitedBy,
    DateTime CreatedAt,
    DateTime ExpiresAt
);
