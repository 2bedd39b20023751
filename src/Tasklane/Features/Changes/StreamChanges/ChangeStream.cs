using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Changes.StreamChanges;

/// <summary>
/// One open event stream. It subscribes to this host's <see cref="ChangeFanOut"/> first, replays from the log what came
/// after the client's last event up to where the subscription starts, then writes what the subscription brings. Every
/// <see cref="StreamSettings.RecheckSeconds"/>, and at once when a change is about its user's membership, it checks that
/// the token is still valid and the user still a member, and closes the stream if not. It closes too when the client
/// falls behind by more than <see cref="StreamSettings.BufferedChanges"/>, does not take data for
/// <see cref="StreamSettings.WriteTimeoutSeconds"/>, or the host is stopping; a client resumes on any host with its last
/// event id.
/// </summary>
public sealed class ChangeStream(Membership membership, Guid? after) : IResult
{
    private const int ReplayPage = 500;

    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    public async Task ExecuteAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var settings = services.GetRequiredService<StreamSettings>();
        var connections = services.GetRequiredService<StreamConnections>();
        var lease = await connections.OpenAsync(membership.UserId);
        if (lease is null)
        {
            await RateLimiting
                .TooManyRequests(
                    (int)Math.Ceiling(settings.RecheckSeconds),
                    $"You have {settings.ConnectionsPerUser} event streams open, the most allowed. Close one (another tab or device) first."
                )
                .ExecuteAsync(http);
            return;
        }

        var fanOut = services.GetRequiredService<ChangeFanOut>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        ChangeSubscription? subscription = null;
        try
        {
            var (subscribed, position, present) = await fanOut.SubscribeAsync(membership.WorkspaceId, ended.Token);
            subscription = subscribed;
            using var dropped = CancellationTokenSource.CreateLinkedTokenSource(ended.Token, subscription.Dropped);
            var writer = new EventWriter(http, settings, dropped.Token);
            writer.Start();
            await new Session(membership, lease, writer, subscription, services, settings).RunAsync(after, position, present);
        }
        catch (Exception e) when ((e is NpgsqlException or RedisException) && http.Response.HasStarted)
        {
            // Postgres or Redis is restarting (the log or the access check could not be read): the client reconnects and
            // resumes once they are back. (Before the stream started, the error handling answers 503 instead.)
            services
                .GetRequiredService<ILogger<ChangeStream>>()
                .LogWarning(e, "Closed an event stream: a service it needs is unavailable");
            http.Abort();
        }
        catch (OperationCanceledException)
        {
            // The client left, fell behind or stopped reading, or the host is stopping: the client resumes from its last id.
            if (!http.RequestAborted.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                services
                    .GetRequiredService<ILogger<ChangeStream>>()
                    .LogInformation("Closed the event stream of user {UserId}: the client did not keep up", membership.UserId);
                http.Abort();
            }
        }
        finally
        {
            if (subscription is not null)
            {
                fanOut.Unsubscribe(subscription);
            }

            await connections.CloseAsync(membership.UserId, lease);
        }
    }

    /// <summary>The stream's state: what its user may see now, and the last position it has passed.</summary>
    private sealed class Session(
        Membership membership,
        string lease,
        EventWriter writer,
        ChangeSubscription subscription,
        IServiceProvider services,
        StreamSettings settings
    )
    {
        private readonly TimeProvider _clock = services.GetRequiredService<TimeProvider>();
        private WorkspaceRole _role = membership.Role;
        private Guid _last;

        public async Task RunAsync(Guid? after, Guid position, LogPresent present)
        {
            // A stream opened without a cursor brings what commits from now on: not a change its client may already have
            // seen acknowledged, committed above the visible end while an older transaction was still running.
            var history = after is null ? present : null;
            _last = after ?? position;
            if (after is not null)
            {
                await ReplayAsync(position);
            }

            // Everything up to the subscription's start has been sent (or was not the user's).
            _last = ChangeLog.Later(_last, position);
            writer.Write($"id: {Cursor.Encode(_last)}\nevent: ready\ndata: {{}}\n\n");
            await writer.FlushAsync();

            var heartbeat = TimeSpan.FromSeconds(settings.HeartbeatSeconds);
            var recheck = TimeSpan.FromSeconds(settings.RecheckSeconds);
            var nextBeat = _clock.GetUtcNow() + heartbeat;
            var nextCheck = _clock.GetUtcNow() + recheck;
            Task<bool>? changes = null;
            while (true)
            {
                var checkNow = false;
                while (subscription.Frames.TryRead(out var frame))
                {
                    if (ChangeLog.ComparePositions(frame.Row.Position, _last) <= 0)
                    {
                        continue; // replayed already
                    }

                    _last = frame.Row.Position;
                    if (frame.Row.VisibleTo(membership.UserId, _role) && history?.CommittedBefore(frame.Row.Position) != true)
                    {
                        writer.Write(frame.Event);
                    }

                    checkNow |= frame.Member == membership.UserId;
                }

                await writer.FlushAsync();
                var now = _clock.GetUtcNow();
                if (checkNow || now >= nextCheck)
                {
                    if (!await StillAllowedAsync())
                    {
                        return;
                    }

                    nextCheck = _clock.GetUtcNow() + recheck;
                }

                if (now >= nextBeat)
                {
                    writer.Write(Heartbeat);
                    await writer.FlushAsync();
                    nextBeat = now + heartbeat;
                }

                var wait = (nextBeat < nextCheck ? nextBeat : nextCheck) - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    // One wait for changes spans the heartbeats and rechecks until changes come: an idle stream neither
                    // throws nor leaves a waiter behind each time it wakes up for one.
                    changes ??= subscription.Frames.WaitToReadAsync().AsTask();
                    await Task.WhenAny(changes, Task.Delay(wait, _clock, writer.Ended));
                    writer.Ended.ThrowIfCancellationRequested();
                    if (changes.IsCompleted)
                    {
                        if (!await changes)
                        {
                            throw new OperationCanceledException("The subscription was dropped.");
                        }

                        changes = null;
                    }
                }
            }
        }

        /// <summary>What came after the client's last event up to where the subscription starts, or a resync if that is lost.</summary>
        private async Task ReplayAsync(Guid until)
        {
            var db = services.GetRequiredService<NpgsqlDataSource>();
            await using var connection = await db.OpenConnectionAsync(writer.Ended);
            while (true)
            {
                var read = await ChangeLog.ReadAsync(
                    connection,
                    membership.WorkspaceId,
                    membership.UserId,
                    _role,
                    _last,
                    until,
                    ReplayPage,
                    writer.Ended
                );
                if (!read.Resumable)
                {
                    _last = until;
                    writer.Write(
                        $"id: {Cursor.Encode(until)}\nevent: resync\ndata: {{\"reason\":\"The changes after this event id are no longer kept. Load the state again.\"}}\n\n"
                    );
                    return;
                }

                foreach (var row in read.Rows)
                {
                    writer.Write(ChangeFrame.Of(row).Event);
                    _last = row.Position;
                }

                await writer.FlushAsync();
                if (read.Rows.Count < ReplayPage)
                {
                    return;
                }
            }
        }

        /// <summary>Whether the token still signs the user in and the user is still a member; keeps the role current.</summary>
        private async Task<bool> StillAllowedAsync()
        {
            var http = writer.Http;
            var token = BearerSessionHandler.BearerToken(http.Request);
            if (token is null || (await services.GetRequiredService<SessionStore>().TouchAsync(token))?.UserId != membership.UserId)
            {
                return false;
            }

            var current = await services.GetRequiredService<Access>().ToWorkspaceAsync(membership.WorkspaceId, http.User, writer.Ended);
            // A workspace that came to require two-factor authentication the user has not enabled ends the stream too.
            if (current is null or { TwoFactorMissing: true })
            {
                return false;
            }

            _role = current.Role;
            await services.GetRequiredService<StreamConnections>().RenewAsync(membership.UserId, lease);
            return true;
        }
    }

    /// <summary>Writes events to the response; a flush that the client does not take within the write timeout ends the stream.</summary>
    private sealed class EventWriter(HttpContext http, StreamSettings settings, CancellationToken ended)
    {
        public HttpContext Http => http;

        public CancellationToken Ended => ended;

        public void Start()
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache, no-transform";
            // nginx passes the stream on as it comes instead of buffering it.
            http.Response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            Write("retry: 2000\n\n");
        }

        public void Write(string text) => http.Response.BodyWriter.Write(Encoding.UTF8.GetBytes(text));

        public void Write(byte[] bytes) => http.Response.BodyWriter.Write(bytes);

        public async Task FlushAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ended);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.WriteTimeoutSeconds));
            if ((await http.Response.BodyWriter.FlushAsync(timeout.Token)).IsCanceled)
            {
                throw new OperationCanceledException("The client did not take the stream's data in time.");
            }
        }
    }
}
