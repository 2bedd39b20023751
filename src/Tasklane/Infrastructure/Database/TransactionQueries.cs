using System.Data.Common;
using Dapper;

namespace Tasklane.Infrastructure.Database;

/// <summary>
/// Dapper on a transaction's own connection, so a statement can not run outside the transaction it belongs to and the
/// transaction and cancellation token are not threaded through every call. <see cref="Messaging.OutboxTransaction"/>
/// offers the same methods.
/// </summary>
public static class TransactionQueries
{
    public static Task<IEnumerable<T>> QueryAsync<T>(this DbTransaction tx, string sql, object? args, CancellationToken ct) =>
        Connection(tx).QueryAsync<T>(new CommandDefinition(sql, args, tx, cancellationToken: ct));

    public static Task<T> QuerySingleAsync<T>(this DbTransaction tx, string sql, object? args, CancellationToken ct) =>
        Connection(tx).QuerySingleAsync<T>(new CommandDefinition(sql, args, tx, cancellationToken: ct));

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this DbTransaction tx, string sql, object? args, CancellationToken ct) =>
        Connection(tx).QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, tx, cancellationToken: ct));

    public static Task<int> ExecuteAsync(this DbTransaction tx, string sql, object? args, CancellationToken ct) =>
        Connection(tx).ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));

    public static Task<T?> ExecuteScalarAsync<T>(this DbTransaction tx, string sql, object? args, CancellationToken ct) =>
        Connection(tx).ExecuteScalarAsync<T>(new CommandDefinition(sql, args, tx, cancellationToken: ct));

    private static DbConnection Connection(DbTransaction tx) =>
        tx.Connection ?? throw new InvalidOperationException("The transaction has already been committed or rolled back.");
}
