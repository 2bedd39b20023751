namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// A past-tense fact published through the outbox in the same transaction as the write that caused it.
/// <see cref="EventId"/> is a UUIDv7 fixed at publish time, so subscribers can deduplicate redeliveries.
/// </summary>
public interface IDomainEvent
{
    Guid EventId { get; }
    Guid WorkspaceId { get; }
    Guid ActorId { get; }
    DateTime OccurredAt { get; }
}
