using System.Buffers.Binary;
using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Tasklane.Features.Comments;
using Tasklane.Features.Members;
using Tasklane.Features.Notifications;
using Tasklane.Features.Webhooks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Changes;

/// <summary>
/// One change as clients get it, on the event stream and in the change feed: the public event (its name and data are
/// the webhook catalogue's, <see cref="WebhookEvents"/>) and <see cref="Id"/>, its position in the workspace's log, which
/// is the cursor to resume after it.
/// </summary>
public sealed record Change(
    [property: MaxLength(Cursor.Length)] string Id,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Names))] string Type,
    Guid EventId,
    Guid WorkspaceId,
    Guid ActorId,
    DateTime OccurredAt,
    JsonElement Data
);

/// <summary>A row of the change log, with who may see it besides what membership gives.</summary>
public sealed record ChangeRow(
    Guid Position,
    Guid WorkspaceId,
    string Type,
    Guid EventId,
    Guid ActorId,
    DateTime OccurredAt,
    Guid? UserId,
    short? MinRole,
    string Data
)
{
    public bool VisibleTo(Guid userId, WorkspaceRole role) =>
        (UserId is null || UserId == userId) && (MinRole is null || MinRole <= (short)role);

    public Change ToChange() =>
        new(
            Cursor.Encode(Position),
            Type,
            EventId,
            WorkspaceId,
            ActorId,
            DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc),
            JsonSerializer.Deserialize<JsonElement>(Data)
        );
}

/// <summary>A read of the log: the rows, and the position below which no new row can appear any more.</summary>
public sealed record ChangeRead(IReadOnlyList<ChangeRow> Rows, Guid VisibleEnd);

/// <summary>
/// The log at one moment (a Postgres snapshot): <see cref="VisibleEnd"/>, below which no row can appear any more, and
/// which transactions above it had committed, so that a stream opened then can tell a change committed before it opened
/// (history) from one committed after (news) although positions follow transaction ids, not commit order.
/// </summary>
public sealed record LogPresent(Guid VisibleEnd, ulong FirstUnstarted, IReadOnlySet<ulong> Running)
{
    /// <summary>From <c>pg_current_snapshot()</c> as text: <c>xmin:xmax:xip,xip,…</c>.</summary>
    public static LogPresent Parse(string snapshot)
    {
        var parts = snapshot.Split(':');
        var running = parts[2].Length == 0 ? [] : parts[2].Split(',').Select(ulong.Parse).ToHashSet();
        return new LogPresent(ChangeLog.PositionOf(ulong.Parse(parts[0])), ulong.Parse(parts[1]), running);
    }

    public bool CommittedBefore(Guid position)
    {
        var transaction = ChangeLog.TransactionOf(position);
        return transaction < FirstUnstarted && !Running.Contains(transaction);
    }
}

/// <summary>A read of one workspace's log, with what says whether the cursor it started from could be resumed.</summary>
public sealed record WorkspaceChangeRead(IReadOnlyList<ChangeRow> Rows, Guid VisibleEnd, bool Resumable);

/// <summary>
/// The change log (table <c>changes</c>): every public event of a workspace, written by the transaction that made the
/// change (<see cref="OutboxTransaction.Publish"/>), read by the event stream and the change feed. Positions are uuids
/// in log order; readers stop at the visible end, so a reader that resumes after the last position it saw misses
/// nothing and sees nothing twice (db/migrations/0017_changes.sql says why that holds).
/// </summary>
public static class ChangeLog
{
    public const string WakeUpChannel = "tasklane_changes";

    /// <summary>Every position sorts at or below it.</summary>
    public static readonly Guid End = new("ffffffff-ffff-ffff-ffff-ffffffffffff");

    private static readonly string RecordSql = Sql.Load(typeof(ChangeLog), "RecordChange.sql");
    private static readonly string ForgetCommentTextSql = Sql.Load(typeof(ChangeLog), "ForgetCommentText.sql");
    private static readonly string ChangesAfterSql = Sql.Load(typeof(ChangeLog), "ChangesAfter.sql");
    private static readonly string WorkspaceChangesAfterSql = Sql.Load(typeof(ChangeLog), "WorkspaceChangesAfter.sql");

    /// <summary>
    /// The statements that record <paramref name="e"/> in the publisher's transaction: none for an event clients never see.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Record(IDomainEvent e)
    {
        if (WebhookEvents.For(e) is not { } published)
        {
            yield break;
        }

        var (userId, minRole) = Audience(e);
        var command = new NpgsqlBatchCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.WorkspaceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = published.Name });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.ActorId });
        command.Parameters.Add(
            new NpgsqlParameter<DateTime>
            {
                TypedValue = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc),
                NpgsqlDbType = NpgsqlDbType.TimestampTz,
            }
        );
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(
            new NpgsqlParameter { Value = minRole is { } role ? (short)role : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint }
        );
        command.Parameters.Add(
            new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(published.Data(e), JsonSerializerOptions.Web) }
        );
        yield return command;

        if (e is CommentDeleted deleted)
        {
            var forget = new NpgsqlBatchCommand(ForgetCommentTextSql);
            forget.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deleted.WorkspaceId });
            forget.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deleted.CommentId });
            yield return forget;
        }
    }

    /// <summary>Who may see an event besides every member of its workspace: null, null when every member may.</summary>
    public static (Guid? UserId, WorkspaceRole? MinRole) Audience(IDomainEvent e) =>
        e switch
        {
            NotificationCreated notification => (notification.UserId, null),
            // Invitations are listed to those who manage members only; they name the invited address.
            MemberInvited or InvitationRevoked => (null, WorkspaceRole.Admin),
            _ => (null, null),
        };

    /// <summary>The next changes of every workspace after <paramref name="after"/> (a host's fan-out).</summary>
    public static async Task<ChangeRead> ReadAsync(NpgsqlConnection connection, Guid after, int take, CancellationToken ct)
    {
        var rows = (
            await connection.QueryAsync<LogRow>(new CommandDefinition(ChangesAfterSql, new { after, take }, cancellationToken: ct))
        ).AsList();
        return new ChangeRead(Rows(rows), rows[0].VisibleEnd);
    }

    /// <summary>
    /// The next changes of one workspace after <paramref name="after"/>, up to <paramref name="until"/>, that the caller may see.
    /// </summary>
    public static async Task<WorkspaceChangeRead> ReadAsync(
        NpgsqlConnection connection,
        Guid workspaceId,
        Guid userId,
        WorkspaceRole role,
        Guid after,
        Guid until,
        int take,
        CancellationToken ct
    )
    {
        var rows = (
            await connection.QueryAsync<LogRow>(
                new CommandDefinition(
                    WorkspaceChangesAfterSql,
                    new
                    {
                        workspaceId,
                        userId,
                        role = (short)role,
                        after,
                        until,
                        take,
                    },
                    cancellationToken: ct
                )
            )
        ).AsList();
        var first = rows[0];
        var resumable =
            after == Guid.Empty || (ComparePositions(after, first.PurgedThrough) >= 0 && ComparePositions(after, first.FutureFrom) <= 0);
        return new WorkspaceChangeRead(Rows(rows), first.VisibleEnd, resumable);
    }

    /// <summary>The log now, for a stream that opens (one round trip).</summary>
    public static async Task<LogPresent> PresentAsync(NpgsqlConnection connection, CancellationToken ct) =>
        LogPresent.Parse(
            await connection.QuerySingleAsync<string>(new CommandDefinition("select pg_current_snapshot()::text", cancellationToken: ct))
        );

    /// <summary>The transaction that wrote the change at <paramref name="position"/>: its first 8 bytes (change_position()).</summary>
    public static ulong TransactionOf(Guid position)
    {
        Span<byte> bytes = stackalloc byte[16];
        position.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <summary>The first position of <paramref name="transaction"/>'s changes (change_log_visible_end() for xmin).</summary>
    public static Guid PositionOf(ulong transaction)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, transaction);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Positions compare as Postgres compares uuids: byte by byte, in the order they are written.</summary>
    public static int ComparePositions(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }

    /// <summary>The later of two positions.</summary>
    public static Guid Later(Guid a, Guid b) => ComparePositions(a, b) >= 0 ? a : b;

    private static List<ChangeRow> Rows(List<LogRow> rows) =>
        rows.Where(r => r.Position is not null)
            .Select(r => new ChangeRow(
                r.Position!.Value,
                r.WorkspaceId,
                r.Type,
                r.EventId,
                r.ActorId,
                r.OccurredAt,
                r.UserId,
                r.MinRole,
                r.Data
            ))
            .ToList();

    /// <summary>A result row: the read's bounds, with a change or (when there is none) without.</summary>
    private sealed class LogRow
    {
        public Guid VisibleEnd { get; init; }
        public Guid PurgedThrough { get; init; }
        public Guid FutureFrom { get; init; }
        public Guid? Position { get; init; }
        public Guid WorkspaceId { get; init; }
        public string Type { get; init; } = "";
        public Guid EventId { get; init; }
        public Guid ActorId { get; init; }
        public DateTime OccurredAt { get; init; }
        public Guid? UserId { get; init; }
        public short? MinRole { get; init; }
        public string Data { get; init; } = "";
    }
}
