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

    /// <summary>
    /// Hot-cache keys (<see cref="Caching.CacheKeys"/>) this change makes stale; the outbox drops them right after the
    /// commit. Implement it explicitly (<c>IEnumerable&lt;string&gt; IDomainEvent.CacheKeys</c>) so it is not serialized.
    /// </summary>
    IEnumerable<string> CacheKeys => [];
}
