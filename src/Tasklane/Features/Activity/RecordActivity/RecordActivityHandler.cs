using System.Text.Json;
using Dapper;
using Npgsql;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Activity.RecordActivity;

/// <summary>
/// Worker: turns task events into activity-feed entries. Delivery is at-least-once; the entry's id is the
/// event's id, so a redelivered event inserts nothing.
/// </summary>
public static class RecordActivityHandler
{
    private static readonly string Insert = Sql.Load(typeof(RecordActivityHandler), "RecordActivity.sql");

    public static Task Handle(TaskCreated e, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, e, e.ProjectId, e.TaskId, "task.created", new { e.Title, e.Status, e.Priority }, ct);

    public static Task Handle(TaskUpdated e, NpgsqlDataSource db, CancellationToken ct) =>
        RecordAsync(db, e, e.ProjectId, e.TaskId, "task.updated", new { e.Version, e.Changes }, ct);

    private static async Task RecordAsync(NpgsqlDataSource db, IDomainEvent e, Guid? projectId, Guid? taskId, string kind, object data, CancellationToken ct)
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
