using System.Data.Common;
using Npgsql;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// Opens a Postgres transaction whose events are stored in Wolverine's outbox by the same commit.
/// If the write rolls back no event leaves; once committed, the event is delivered even if this process dies.
/// </summary>
public sealed class Outbox(NpgsqlDataSource db, IWolverineRuntime runtime) : ISingletonService
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
            return new OutboxTransaction(connection, transaction, bus);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

public sealed class OutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, MessageContext bus) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    public ValueTask PublishAsync(IDomainEvent @event) => bus.PublishAsync(@event);

    public ValueTask EnqueueAsync(IJob job) => bus.PublishAsync(job);

    /// <summary>Commits data and events together, then hands the events to the transport right away.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await transaction.CommitAsync(ct);
        await bus.FlushOutgoingMessagesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
