using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Projects;

public sealed record ProjectCreated(Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid ActorId, DateTime OccurredAt, string Name)
    : IDomainEvent;

public sealed record ProjectRenamed(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    string From,
    string To
) : IDomainEvent;

public sealed record ProjectDescriptionChanged(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid ActorId,
    DateTime OccurredAt,
    int Version,
    string? From,
    string? To
) : IDomainEvent;

public sealed record ProjectArchived(Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid ActorId, DateTime OccurredAt, int Version)
    : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.ProjectState(ProjectId)];
}

public sealed record ProjectUnarchived(Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid ActorId, DateTime OccurredAt, int Version)
    : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.ProjectState(ProjectId)];
}

public sealed record ProjectDeleted(Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid ActorId, DateTime OccurredAt, int Version)
    : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.ProjectState(ProjectId)];
}

public sealed record ProjectRestored(Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid ActorId, DateTime OccurredAt, int Version)
    : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.ProjectState(ProjectId)];
}
