using System.Text.Json;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Activity;

/// <summary>
/// Writes one activity-feed entry per event. Each area's worker handler (e.g. <c>RecordTaskActivityHandler</c>)
/// calls it with the event's kind and before/after data. Delivery is at-least-once; the entry's id is the
/// event's id, so a redelivered event inserts nothing.
/// </summary>
public sealed class ActivityWriter(NpgsqlDataSource db) : ISingletonService
{
    private static readonly string Insert = Sql.Load(typeof(ActivityWriter), "RecordActivity.sql");

    public async Task RecordAsync(IDomainEvent e, Guid? projectId, Guid? taskId, string kind, object data, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            id = e.EventId,
            e.WorkspaceId,
            projectId,
            taskId,
            e.ActorId,
            kind,
            data = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            e.OccurredAt,
        }, cancellationToken: ct));
    }
}
