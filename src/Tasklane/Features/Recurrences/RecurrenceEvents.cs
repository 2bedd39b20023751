using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Recurrences;

/// <summary>
/// The task <see cref="TaskId"/> now recurs by <see cref="Rule"/> (set or replaced, at <see cref="Version"/>); its next
/// occurrence is due at <see cref="NextAt"/>.
/// </summary>
public sealed record TaskRecurrenceSet(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid RecurrenceId,
    int Version,
    RecurrenceRule Rule,
    DateTime NextAt
) : IDomainEvent;

/// <summary>The task <see cref="TaskId"/> no longer recurs: no further occurrence will be created.</summary>
public sealed record TaskRecurrenceRemoved(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid RecurrenceId
) : IDomainEvent;

/// <summary>
/// The series of <see cref="TaskId"/> went on to its next occurrence, <see cref="NextTaskId"/> (due at <see cref="DueAt"/>),
/// because <see cref="TaskId"/> was completed (<see cref="RecurrenceTriggers.Completed"/>) or its next date came
/// (<see cref="RecurrenceTriggers.Scheduled"/>). The recurrence, now at <see cref="Version"/>, belongs to the new task.
/// </summary>
public sealed record TaskRecurred(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid RecurrenceId,
    int Version,
    Guid NextTaskId,
    DateTime DueAt,
    string Trigger
) : IDomainEvent;

/// <summary>
/// The durable scheduled message of a recurrence at <see cref="Version"/>: due at its next occurrence
/// (<see cref="OccurredAt"/>). It creates that occurrence unless the recurrence has moved on (a completion got there
/// first, the rule changed or was removed): then its version is old and it does nothing.
/// </summary>
public sealed record TaskRecurrenceDue(
    Guid EventId,
    Guid WorkspaceId,
    Guid ProjectId,
    Guid TaskId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid RecurrenceId,
    int Version
) : IDomainEvent;
