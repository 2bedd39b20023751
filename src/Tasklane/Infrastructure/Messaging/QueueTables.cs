using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;

namespace Tasklane.Infrastructure.Messaging;

/// <summary>
/// A message on its way into a Wolverine Postgres queue table, written by the writer's own transaction.
/// <see cref="WakeUp"/>: its queue's listener is to be notified at commit (not for a scheduled message, which the
/// listener's polling moves, nor a conditional one, whose insert notifies itself).
/// </summary>
public sealed record QueuedMessage(string Queue, NpgsqlBatchCommand Insert, bool WakeUp);

/// <summary>
/// A condition the publisher's transaction checks as it writes a message to a subscriber's queue: the row, and its
/// wake-up, are written only if it holds then. A handler class declares one with a static
/// <c>QueueCondition WrittenWhen(TMessage)</c> beside its handlers (see <see cref="Queues.ConditionFor"/>).
/// <paramref name="Sql"/> is a boolean SQL expression (from a .sql file) whose <c>@name</c>s are in <paramref name="Parameters"/>.
/// </summary>
public sealed record QueueCondition(string Sql, IReadOnlyDictionary<string, object> Parameters);

/// <summary>
/// Writes messages straight into Wolverine's Postgres queue tables (<c>wolverine_queues.wolverine_queue_{name}</c>,
/// and <c>…_scheduled</c> for later), inside the caller's transaction. Wolverine 6 has no API for this: its outbox
/// stores an envelope row, then after the commit moves it to the queue, notifies and deletes it twice, each on a
/// pooled connection of its own (four more commits per write). The rows here are what that move would have written:
/// Wolverine routes the message and serializes the envelope, and its queue listeners read them as their own.
/// QueueTablesTests check the columns against the tables Wolverine builds.
/// </summary>
public sealed partial class QueueTables(IWolverineRuntime runtime) : ISingletonService
{
    /// <summary>Wolverine's NOTIFY channel; the listeners wake up on a payload naming their table.</summary>
    private const string WakeUpChannel = "wolverine_queue_wakeup";

    public static string Table(string queue) => $"{WolverineSetup.TransportSchema}.wolverine_queue_{queue}";

    /// <summary>One row per queue the message routes to and whose subscriber takes it (<paramref name="at"/>: run then, not now).</summary>
    public IEnumerable<QueuedMessage> Route(object message, DateTimeOffset? at)
    {
        var envelopes = runtime
            .RoutingFor(message.GetType())
            .RouteForPublish(message, at is null ? null : new DeliveryOptions { ScheduledTime = at });
        if (envelopes.Length == 0)
        {
            throw new InvalidOperationException($"No queue takes {message.GetType().Name}: add a publishing rule in WolverineSetup.");
        }

        foreach (var envelope in envelopes)
        {
            if (envelope.Destination is not { Scheme: "postgresql" } destination)
            {
                throw new InvalidOperationException(
                    $"{message.GetType().Name} routes to {envelope.Destination}; the outbox writes Postgres queues only."
                );
            }

            if (!Queues.Takes(destination.Host, message))
            {
                continue;
            }

            // As Wolverine stamps an envelope it sends itself.
            envelope.Source = runtime.Options.ServiceName;
            envelope.CorrelationId ??= Activity.Current?.RootId;
            envelope.ParentId = Activity.Current?.Id;
            envelope.ConversationId = envelope.Id;

            var table = Table(destination.Host);
            var condition = at is null ? Queues.ConditionFor(destination.Host, message) : null;
            var values = new List<object>();
            var command = new NpgsqlBatchCommand(
                (at, condition) switch
                {
                    (not null, _) =>
                        $"insert into {table}_scheduled (id, body, message_type, keep_until, execution_time) values ($1, $2, $3, $4, $5)",
                    (null, null) => $"insert into {table} (id, body, message_type, keep_until) values ($1, $2, $3, $4)",
                    // The insert and its wake-up in one statement, both only when the condition holds.
                    (null, { } when) => $"""
                    with queued as (insert into {table} (id, body, message_type, keep_until) select $1, $2, $3, $4 where
                    {Positional(when, firstNumber: 5, values)}
                    returning 1)
                    select pg_notify('{WakeUpChannel}', '{table}') from queued
                    """,
                }
            );
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = envelope.Id });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = EnvelopeSerializer.Serialize(envelope) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = envelope.MessageType! });
            command.Parameters.Add(
                new NpgsqlParameter { Value = (object?)envelope.DeliverBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz }
            );
            if (at is { } time)
            {
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time });
            }

            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            yield return new QueuedMessage(destination.Host, command, WakeUp: at is null && condition is null);
        }
    }

    /// <summary>One NOTIFY per queue written to; delivered at commit, and not at all on a rollback.</summary>
    public static IEnumerable<NpgsqlBatchCommand> WakeUps(IEnumerable<QueuedMessage> messages) =>
        messages
            .Where(m => m.WakeUp)
            .Select(m => m.Queue)
            .Distinct()
            .Select(queue =>
            {
                var notify = new NpgsqlBatchCommand("select pg_notify($1, $2)");
                notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WakeUpChannel });
                notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Table(queue) });
                return notify;
            });

    /// <summary>
    /// The condition's SQL with each <c>@name</c> as <c>$n</c> from <paramref name="firstNumber"/> on; its values added to
    /// <paramref name="values"/> in that order.
    /// </summary>
    private static string Positional(QueueCondition condition, int firstNumber, List<object> values) =>
        NamedParameter()
            .Replace(
                condition.Sql,
                name =>
                {
                    values.Add(condition.Parameters[name.Groups[1].Value]);
                    return $"${firstNumber + values.Count - 1}";
                }
            );

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex NamedParameter();
}
