using System.Data;
using System.Security.Claims;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Infrastructure.Http;

/// <summary>Keyset pagination: fetch <c>limit + 1</c> rows after the cursor; the extra row only says there is more.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static FieldErrors Page(this FieldErrors errors, int? limit, string? after) =>
        errors.Limit(limit).Check("after", Cursor.TryDecode(after, out _), "Is not a cursor returned by this API.");

    public static FieldErrors Limit(this FieldErrors errors, int? limit) =>
        errors.Check("limit", limit is null or (>= 1 and <= MaxLimit), $"Must be between 1 and {MaxLimit}.");

    /// <summary>The cursor as an id; call after <see cref="Page(FieldErrors,int?,string?)"/> accepted it.</summary>
    public static Guid? After(string? after) => Cursor.TryDecode(after, out var id) ? id : null;

    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, Func<T, Guid> id) =>
        rows.Count > limit ? new Page<T>(rows.Take(limit).ToList(), Cursor.Encode(id(rows[limit - 1]))) : new Page<T>(rows, null);

    /// <summary>
    /// Runs a list query and pages its rows. The query filters with <paramref name="filters"/>, and must honour
    /// <c>@after</c> (the cursor's id, null on the first page) and <c>limit @take</c> (one more than the page).
    /// </summary>
    public static async Task<Page<T>> QueryAsync<T>(
        NpgsqlDataSource db,
        string sql,
        object filters,
        int? limit,
        string? after,
        Func<T, Guid> id,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await QueryAsync(connection, sql, filters, limit, after, id, ct);
    }

    /// <summary>The same on a stale-tolerant connection (<see cref="ReadDb"/>: the replica unless the caller just wrote).</summary>
    public static async Task<Page<T>> QueryAsync<T>(
        ReadDb reads,
        ClaimsPrincipal caller,
        string sql,
        object filters,
        int? limit,
        string? after,
        Func<T, Guid> id,
        CancellationToken ct
    )
    {
        await using var connection = await reads.OpenAsync(caller, ct);
        return await QueryAsync(connection, sql, filters, limit, after, id, ct);
    }

    private static async Task<Page<T>> QueryAsync<T>(
        NpgsqlConnection connection,
        string sql,
        object filters,
        int? limit,
        string? after,
        Func<T, Guid> id,
        CancellationToken ct
    )
    {
        var take = limit ?? DefaultLimit;
        var parameters = new DynamicParameters(filters);
        parameters.Add("after", After(after), DbType.Guid);
        parameters.Add("take", take + 1);
        var rows = (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        return ToPage(rows, take, id);
    }
}
