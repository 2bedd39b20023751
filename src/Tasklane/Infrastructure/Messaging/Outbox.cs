using Npgsql;
using Tasklane.Features.Changes;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// Opens a Postgres transaction whose messages are written into their Wolverine queue tables by the same commit
/// (<see cref="QueueTables"/>): if the write rolls back no message exists; once committed, the worker has it, even if
/// this process dies a moment later. Nothing is left to do after the commit, so a write costs one transaction.
/// </summary>
public sealed class Outbox(NpgsqlDataSource db, QueueTables queues, HotCache cache) : ISingletonService
{
    public async Task<OutboxTransaction> BeginAsync(CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new OutboxTransaction(connection, transaction, queues, cache);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

public sealed class OutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, QueueTables queues, HotCache cache)
    : IAsyncDisposable
{
    private readonly HashSet<string> _stale = [];
    private readonly List<QueuedMessage> _messages = [];
    private readonly List<NpgsqlBatchCommand> _changes = [];

    // The write's statements: on its connection, in its transaction (TransactionQueries), which stay private so that no
    // statement of the write can run outside it.
    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) => transaction.QueryAsync<T>(sql, args, ct);

    public Task<T> QuerySingleAsync<T>(string sql, object? args, CancellationToken ct) => transaction.QuerySingleAsync<T>(sql, args, ct);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        transaction.QuerySingleOrDefaultAsync<T>(sql, args, ct);

    public Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct) => transaction.ExecuteAsync(sql, args, ct);

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? args, CancellationToken ct) =>
        transaction.ExecuteScalarAsync<T>(sql, args, ct);

    /// <summary>
    /// Publishes an event to its subscribers' queues and to the workspace's change log (<see cref="ChangeLog"/>), and
    /// remembers the cache keys it makes stale.
    /// </summary>
    public void Publish(IDomainEvent @event)
    {
        _stale.UnionWith(@event.CacheKeys);
        _messages.AddRange(queues.Route(@event, null));
        _changes.AddRange(ChangeLog.Record(@event));
    }

    /// <summary>Cache keys a statement made stale without an event naming them (side effects on other rows).</summary>
    public void Invalidate(IEnumerable<string> keys) => _stale.UnionWith(keys);

    /// <summary>Queues a command (a job, a delivery) for the worker.</summary>
    public void Send(object command) => _messages.AddRange(queues.Route(command, null));

    /// <summary>Queues a command that the worker runs at <paramref name="at"/>.</summary>
    public void Schedule(object command, DateTimeOffset at) => _messages.AddRange(queues.Route(command, at));

    /// <summary>
    /// Writes the messages, the changes and their wake-up notifications in one round trip, commits them with the data, then
    /// drops the cache entries they made stale on every host before the caller answers, so its next read sees the write.
    /// </summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_messages.Count > 0 || _changes.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in _messages.Select(m => m.Insert).Concat(QueueTables.WakeUps(_messages)).Concat(_changes))
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
            _messages.Clear();
            _changes.Clear();
        }

        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(_stale);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
