using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Labels;

public sealed record LabelCreated(Guid EventId, Guid WorkspaceId, Guid LabelId, Guid ActorId, DateTime OccurredAt, string Name, string Color) : IDomainEvent;

public sealed record LabelUpdated(
    Guid EventId, Guid WorkspaceId, Guid LabelId, Guid ActorId, DateTime OccurredAt,
    int Version, IReadOnlyDictionary<string, FieldChange> Changes) : IDomainEvent;

/// <summary>The label is gone and so are its links to tasks (<see cref="TaskCount"/> of them).</summary>
public sealed record LabelDeleted(Guid EventId, Guid WorkspaceId, Guid LabelId, Guid ActorId, DateTime OccurredAt, string Name, int TaskCount) : IDomainEvent;
