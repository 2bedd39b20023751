using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Members;

public sealed record MemberInvited(
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid InvitationId,
    string Email,
    WorkspaceRole Role,
    DateTime ExpiresAt
) : IDomainEvent;

/// <summary>An invitation withdrawn before anyone accepted it.</summary>
public sealed record InvitationRevoked(
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid InvitationId,
    string Email,
    WorkspaceRole Role
) : IDomainEvent;

/// <summary>
/// The actor is the user who joined, by accepting <see cref="InvitationId"/>, or, with none, by signing in with an OpenID
/// provider whose settings map one of their claims to a role here.
/// </summary>
public sealed record MemberJoined(
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid UserId,
    WorkspaceRole Role,
    Guid? InvitationId
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Role(WorkspaceId, UserId)];
}

public sealed record MemberRoleChanged(
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid UserId,
    WorkspaceRole From,
    WorkspaceRole To
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Role(WorkspaceId, UserId)];
}

/// <summary><see cref="Left"/> when members removed themselves.</summary>
public sealed record MemberRemoved(
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid UserId,
    WorkspaceRole Role,
    bool Left
) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Role(WorkspaceId, UserId)];
}
