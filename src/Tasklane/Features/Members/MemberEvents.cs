using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Members;

public sealed record MemberInvited(
    Guid EventId, Guid WorkspaceId, Guid ActorId, DateTime OccurredAt,
    Guid InvitationId, string Email, string Role, DateTime ExpiresAt) : IDomainEvent;

/// <summary>An invitation withdrawn before anyone accepted it.</summary>
public sealed record InvitationRevoked(
    Guid EventId, Guid WorkspaceId, Guid ActorId, DateTime OccurredAt,
    Guid InvitationId, string Email, string Role) : IDomainEvent;

/// <summary>The actor is the user who joined, by accepting <see cref="InvitationId"/>.</summary>
public sealed record MemberJoined(
    Guid EventId, Guid WorkspaceId, Guid ActorId, DateTime OccurredAt,
    Guid UserId, string Role, Guid InvitationId) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Role(WorkspaceId, UserId)];
}

public sealed record MemberRoleChanged(
    Guid EventId, Guid WorkspaceId, Guid ActorId, DateTime OccurredAt,
    Guid UserId, string From, string To) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Role(WorkspaceId, UserId)];
}

/// <summary><see cref="Left"/> when members removed themselves.</summary>
public sealed record MemberRemoved(
    Guid EventId, Guid WorkspaceId, Guid ActorId, DateTime OccurredAt,
    Guid UserId, string Role, bool Left) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Role(WorkspaceId, UserId)];
}
