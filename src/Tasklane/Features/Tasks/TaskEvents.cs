using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

/// <remarks>
/// <see cref="DueAt"/> and <see cref="AssigneeIds"/> were added for reminders and notifications; they are
/// optional so that events stored before them still read (as no due date and no assignees).
/// </remarks>
public sealed record TaskCreated(
    Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid TaskId, Guid ActorId, DateTime OccurredAt,
    string Title, string Status, string Priority, DateTime? DueAt = null, IReadOnlyList<Guid>? AssigneeIds = null) : IDomainEvent;

/// <summary>A before/after pair, as text so every field type travels and is stored the same way.</summary>
public sealed record FieldChange(string? From, string? To);

public sealed record TaskUpdated(
    Guid EventId, Guid WorkspaceId, Guid ProjectId, Guid TaskId, Guid ActorId, DateTime OccurredAt,
    int Version, IReadOnlyDictionary<string, FieldChange> Changes) : IDomainEvent
{
    IEnumerable<string> IDomainEvent.CacheKeys => [CacheKeys.Task(TaskId)];
}
