using System.Data;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Changes;

/// <summary>
/// One API host's reader of the change log: it listens on Postgres (<see cref="ChangeLog.WakeUpChannel"/>, notified by
/// every commit that recorded a change, on any host), reads what is new once for all of this host's streams, and hands
/// each change to the subscriptions of its workspace. It also reads every <see cref="StreamSettings.PollMilliseconds"/>
/// without a wake-up: a change can become readable without one (an older transaction ended), and a wake-up can be missed
/// while the listening connection is being replaced. A host without streams neither listens nor reads, so writes cost it
/// no work: its first stream looks up where the log ends as it subscribes.
/// </summary>
public sealed class ChangeFanOut(NpgsqlDataSource db, StreamSettings settings, ILogger<ChangeFanOut> logger)
    : BackgroundService,
        ISingletonService
{
    private const int ReadSize = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<ChangeSubscription>> _byWorkspace = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _firstSubscribed = new(0, 1);
    private int _count;
    private Guid _position;
    private volatile bool _woken;

    /// <summary>Open subscriptions on this host.</summary>
    public int Subscriptions => Volatile.Read(ref _count);

    /// <summary>Whether this host listens for wake-ups now: only while it has streams.</summary>
    public bool Listening { get; private set; }

    /// <summary>Subscriptions dropped because their client did not keep up.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    private long _overflowed;

    /// <summary>
    /// Starts handing the workspace's changes to a new subscription, from the position returned: every change after it
    /// reaches the subscription, so a stream replays up to it from the log, then goes live, skipping what it has already
    /// passed. The present returned says which of those changes had committed before the stream opened.
    /// </summary>
    public async Task<(ChangeSubscription Subscription, Guid Position, LogPresent Present)> SubscribeAsync(
        Guid workspaceId,
        CancellationToken ct
    )
    {
        await _started.Task.WaitAsync(ct);
        var subscription = new ChangeSubscription(workspaceId, settings.BufferedChanges);
        // Looked up for every stream, not only the first: the reader may lag behind a write its client has already seen
        // acknowledged (it wakes up after the commit).
        var present = await PresentAsync(ct);
        lock (_gate)
        {
            // The reader has not moved on while it had no streams. Only the first stream may move it: a stream that
            // subscribed meanwhile was promised everything after the older position. A later stream starts at the
            // present, and skips what the reader still brings from below it.
            if (_count == 0)
            {
                _position = ChangeLog.Later(present.VisibleEnd, _position);
            }

            if (!_byWorkspace.TryGetValue(workspaceId, out var subscriptions))
            {
                _byWorkspace[workspaceId] = subscriptions = [];
            }

            subscriptions.Add(subscription);
            if (++_count == 1 && _firstSubscribed.CurrentCount == 0)
            {
                _firstSubscribed.Release();
            }

            return (subscription, ChangeLog.Later(present.VisibleEnd, _position), present);
        }
    }

    public void Unsubscribe(ChangeSubscription subscription)
    {
        lock (_gate)
        {
            if (_byWorkspace.TryGetValue(subscription.WorkspaceId, out var subscriptions) && subscriptions.Remove(subscription))
            {
                _count--;
                if (subscriptions.Count == 0)
                {
                    _byWorkspace.Remove(subscription.WorkspaceId);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(settings.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_started.Task.IsCompleted)
                {
                    // Streams start at the present: everything already committed is history, served from the log.
                    _position = (await PresentAsync(stoppingToken)).VisibleEnd;
                    _started.TrySetResult();
                }

                if (Subscriptions == 0)
                {
                    await _firstSubscribed.WaitAsync(poll, stoppingToken);
                    continue;
                }

                await FollowAsync(poll, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke (Postgres restarting, a network fault), the reader must live on: the host's streams need it.
                logger.LogWarning(e, "The change log reader lost its connection; reconnecting");
                await Task.Delay(poll, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Listens and reads while this host has streams. Only then: a listening session runs a transaction of its own for
    /// every commit that notifies, on any host (measured: one more commit per write, docs/benchmarks.md).
    /// </summary>
    private async Task FollowAsync(TimeSpan poll, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        connection.Notification += (_, _) => _woken = true;
        await ExecuteAsync(connection, $"listen {ChangeLog.WakeUpChannel}", ct);
        Listening = true;
        try
        {
            while (Subscriptions > 0)
            {
                _woken = false;
                await ReadNewAsync(connection, ct);
                if (!_woken)
                {
                    await connection.WaitAsync(poll, ct);
                }
            }
        }
        finally
        {
            Listening = false;
            // The pool does not reset a connection it takes back (DatabaseSetup: NoResetOnClose); a broken one it drops.
            if (connection.State == ConnectionState.Open && !ct.IsCancellationRequested)
            {
                await ExecuteAsync(connection, "unlisten *", ct);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string statement, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<LogPresent> PresentAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ChangeLog.PresentAsync(connection, ct);
    }

    private async Task ReadNewAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ChangeRead read;
        do
        {
            read = await ChangeLog.ReadAsync(connection, _position, ReadSize, ct);
            var dropped = new List<ChangeSubscription>();
            lock (_gate)
            {
                // Rendered only for a workspace this host streams, once for all its streams.
                foreach (var row in read.Rows)
                {
                    if (_byWorkspace.TryGetValue(row.WorkspaceId, out var subscriptions))
                    {
                        var frame = ChangeFrame.Of(row);
                        dropped.AddRange(subscriptions.Where(s => !s.Offer(frame)));
                    }
                }

                // A full read stops at its last row; a shorter one saw everything below the visible end.
                _position = read.Rows.Count == ReadSize ? read.Rows[^1].Position : ChangeLog.Later(read.VisibleEnd, _position);
            }

            foreach (var subscription in dropped.Distinct())
            {
                Interlocked.Increment(ref _overflowed);
                subscription.Drop();
            }
        } while (read.Rows.Count == ReadSize);
    }
}

/// <summary>
/// One change, rendered once per host as the server-sent event every stream writes (<c>id</c> and <c>data</c> lines),
/// with the member it is about when it may change what a stream's user may see.
/// </summary>
public sealed record ChangeFrame(ChangeRow Row, byte[] Event, Guid? Member)
{
    public static ChangeFrame Of(ChangeRow row)
    {
        var change = row.ToChange();
        var text = $"id: {change.Id}\ndata: {JsonSerializer.Serialize(change, JsonSerializerOptions.Web)}\n\n";
        var member =
            row.Type.StartsWith("member.", StringComparison.Ordinal)
            && change.Data.TryGetProperty("userId", out var user)
            && user.TryGetGuid(out var id)
                ? id
                : (Guid?)null;
        return new ChangeFrame(row, Encoding.UTF8.GetBytes(text), member);
    }
}

/// <summary>
/// The changes on their way to one stream: at most <see cref="StreamSettings.BufferedChanges"/> wait for it. A stream
/// that falls further behind is dropped (<see cref="Dropped"/>) rather than buffered without end; its client reconnects
/// with its last event id and catches up from the log.
/// </summary>
public sealed class ChangeSubscription(Guid workspaceId, int capacity)
{
    private readonly Channel<ChangeFrame> _frames = Channel.CreateBounded<ChangeFrame>(
        new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }
    );

    private readonly CancellationTokenSource _dropped = new();

    public Guid WorkspaceId { get; } = workspaceId;

    public ChannelReader<ChangeFrame> Frames => _frames.Reader;

    /// <summary>Cancelled when the stream fell too far behind.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>False when the buffer is full: the caller drops the subscription (outside its lock).</summary>
    internal bool Offer(ChangeFrame frame) => _frames.Writer.TryWrite(frame);

    internal void Drop()
    {
        _frames.Writer.TryComplete();
        _dropped.Cancel();
    }
}
