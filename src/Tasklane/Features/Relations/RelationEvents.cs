using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Relations;

/// <summary>
/// <see cref="TaskId"/> now has the relation <see cref="Type"/> to <see cref="OtherTaskId"/> ("blocks"), and the other task
/// the reverse ("blocked_by"). <see cref="ProjectId"/> is <see cref="TaskId"/>'s project.
/// </summary>
public sealed record TaskRelationAdded(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid RelationId,
    RelationType Type,
    Guid OtherTaskId
) : IDomainEvent;

/// <summary>The relation is gone, seen from <see cref="TaskId"/>, the task it was removed through.</summary>
public sealed record TaskRelationRemoved(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid RelationId,
    RelationType Type,
    Guid OtherTaskId
) : IDomainEvent;
