using System.Data.Common;
using Npgsql;
using Tasklane.Infrastructure.Caching;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// Opens a Postgres transaction whose events are stored in Wolverine's outbox by the same commit.
/// If the write rolls back no event leaves; once committed, the event is delivered even if this process dies.
/// </summary>
public sealed class Outbox(NpgsqlDataSource db, IWolverineRuntime runtime, HotCache cache) : ISingletonService
{
    private readonly IMessageDatabase _store = runtime.Storage as IMessageDatabase
        ?? throw new InvalidOperationException("Wolverine must use PostgreSQL message storage for the outbox.");

    public async Task<OutboxTransaction> BeginAsync(IMessageContext context, CancellationToken ct)
    {
        // Enlisting an external transaction is only offered on the concrete context Wolverine injects.
        var bus = context as MessageContext ?? throw new ArgumentException("Expected Wolverine's MessageContext.", nameof(context));
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await bus.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(_store, transaction));
            return new OutboxTransaction(connection, transaction, bus, cache);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

public sealed class OutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, MessageContext bus, HotCache cache) : IAsyncDisposable
{
    private readonly HashSet<string> _stale = [];

    public NpgsqlConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    public ValueTask PublishAsync(IDomainEvent @event)
    {
        _stale.UnionWith(@event.CacheKeys);
        return bus.PublishAsync(@event);
    }

    /// <summary>Cache keys a statement made stale without an event naming them (side effects on other rows).</summary>
    public void Invalidate(IEnumerable<string> keys) => _stale.UnionWith(keys);

    public ValueTask EnqueueAsync(IJob job) => bus.PublishAsync(job);

    /// <summary>
    /// Commits data and events together, drops the cache entries they made stale (on every host, before the caller
    /// answers, so its next read sees the write), then hands the events to the transport right away.
    /// </summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(_stale);
        await bus.FlushOutgoingMessagesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
