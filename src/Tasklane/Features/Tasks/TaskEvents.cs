using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

public sealed record TaskCreated(
    Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid TaskId, Guid ActorId, DateTime OccurredAt,
    string Title, string Status, string Priority) : IDomainEvent;

/// <summary>A before/after pair, as text so every field type travels and is stored the same way.</summary>
public sealed record FieldChange(string? From, string? To);

public sealed record TaskUpdated(
    Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid TaskId, Guid ActorId, DateTime OccurredAt,
    int Version, IReadOnlyDictionary<string, FieldChange> Changes) : IDomainEvent;
