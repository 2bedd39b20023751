using System.Text.Json;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Activity;

/// <summary>
/// Writes one activity-feed entry per event. Each area's worker handler (e.g. <c>RecordTaskActivityHandler</c>)
/// calls it with the event's kind and before/after data. The entries of events handled at the same time share one
/// insert and one commit (<see cref="GroupCommit{T}"/>). Delivery is at-least-once; the entry's id is the event's id,
/// so a redelivered event inserts nothing.
/// </summary>
public sealed class ActivityWriter : ISingletonService, IAsyncDisposable
{
    private static readonly string Insert = Sql.Load(typeof(ActivityWriter), "RecordActivity.sql");
    private readonly NpgsqlDataSource _db;
    private readonly GroupCommit<Entry> _entries;

    public ActivityWriter(NpgsqlDataSource db)
    {
        _db = db;
        _entries = new GroupCommit<Entry>(WriteAsync, maxBatch: 500);
    }

    public Task RecordAsync(IDomainEvent e, Guid? projectId, Guid? taskId, string kind, object data, CancellationToken ct) =>
        _entries.WriteAsync(
            new Entry(
                e.EventId,
                e.WorkspaceId,
                projectId,
                taskId,
                e.ActorId,
                kind,
                JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
                e.OccurredAt
            ),
            ct
        );

    public ValueTask DisposeAsync() => _entries.DisposeAsync();

    private async Task WriteAsync(IReadOnlyList<Entry> entries)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            Insert,
            new
            {
                Ids = entries.Select(e => e.Id).ToArray(),
                WorkspaceIds = entries.Select(e => e.WorkspaceId).ToArray(),
                ProjectIds = entries.Select(e => e.ProjectId).ToArray(),
                TaskIds = entries.Select(e => e.TaskId).ToArray(),
                ActorIds = entries.Select(e => e.ActorId).ToArray(),
                Kinds = entries.Select(e => e.Kind).ToArray(),
                Data = entries.Select(e => e.Data).ToArray(),
                OccurredAts = entries.Select(e => e.OccurredAt).ToArray(),
            }
        );
    }

    private sealed record Entry(
        Guid Id,
        Guid WorkspaceId,
        Guid? ProjectId,
        Guid? TaskId,
        Guid ActorId,
        string Kind,
        string Data,
        DateTime OccurredAt
    );
}
