using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;
using Tasklane.Client;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Changes.StreamChanges;

public class StreamChangesTests
{
    [Test]
    public async Task A_reconnect_with_Last_Event_ID_after_100_writes_delivers_exactly_those_100_in_order_then_goes_live_across_hosts()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var (first, untilReady) = await EventStreamClient.OpenAsync(owner.Token, workspaceId);
        var lastEventId = untilReady[^1].Id;
        await first.DisposeAsync();

        var created = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            created.Add((await owner.CreateTaskAsync(projectId, new { title = $"Task {i}" })).GetProperty("id").GetString()!);
        }

        // The client comes back through the other host, with the id of the last event it received. (The last few may come
        // just after "ready": a change shows once every older transaction has ended, a moment after its commit when busy.)
        var (resumed, replayed) = await EventStreamClient.OpenAsync(owner.Token, workspaceId, TestEnvironment.HostB, lastEventId);
        await using var _ = resumed;
        var count = replayed.Count(i => i.Change is not null);
        var received =
            count >= 100 ? replayed : replayed.Concat(await resumed.ReadUntilAsync(i => i.Change is not null && ++count >= 100)).ToList();
        var changes = received.Where(i => i.Signal == StreamSignal.Change).Select(i => i.Change!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.Type), Is.All.EqualTo("task.created"));
            Assert.That(
                changes.Select(c => c.Data.GetProperty("taskId").GetString()),
                Is.EqualTo(created),
                "exactly the 100 writes, in order"
            );
            Assert.That(changes.Select(c => c.Id).Distinct().Count(), Is.EqualTo(100));
        });

        // Live: a write through host A reaches the stream on host B, once.
        var later = (await owner.CreateTaskAsync(projectId, new { title = "Live" })).GetProperty("id").GetString();
        var live = await resumed.ReadUntilAsync(i => IsAbout(i, later), TimeSpan.FromSeconds(5));
        Assert.That(
            live.Where(i => i.Signal == StreamSignal.Change).Select(i => i.Change!.Data.GetProperty("taskId").GetString()),
            Is.EqualTo(new[] { later })
        );
    }

    [Test]
    public async Task An_event_carries_its_type_ids_actor_changed_fields_and_new_version()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Before" })).GetProperty("id").GetGuid();
        var (stream, _) = await EventStreamClient.OpenAsync(owner.Token, workspaceId);
        await using var _ = stream;

        await owner.PatchAsync($"tasks/{taskId}", new { title = "After" });

        var change = (await stream.ReadUntilAsync(i => i.Change?.Type == "task.updated"))[^1].Change!;
        Assert.Multiple(() =>
        {
            Assert.That(change.WorkspaceId, Is.EqualTo(workspaceId));
            Assert.That(change.ActorId, Is.EqualTo(owner.UserId));
            Assert.That(change.Data.GetProperty("taskId").GetGuid(), Is.EqualTo(taskId));
            Assert.That(change.Data.GetProperty("projectId").GetGuid(), Is.EqualTo(projectId));
            Assert.That(change.Data.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(change.Data.GetProperty("changes").GetProperty("title").GetProperty("from").GetString(), Is.EqualTo("Before"));
            Assert.That(change.Data.GetProperty("changes").GetProperty("title").GetProperty("to").GetString(), Is.EqualTo("After"));
        });
    }

    [Test]
    public async Task A_removed_members_stream_closes_and_does_not_reopen()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var (stream, untilReady) = await EventStreamClient.OpenAsync(member.Token, workspaceId, TestEnvironment.HostB);
        await using var _ = stream;

        Assert.That(
            (await owner.Http.DeleteAsync($"workspaces/{workspaceId}/members/{member.UserId}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        Assert.That(stream.Ended.Wait(TimeSpan.FromSeconds(3)), Is.True, "the stream is still open");
        var again = Assert.ThrowsAsync<HttpRequestException>(() =>
            EventStreamClient.OpenAsync(member.Token, workspaceId, lastEventId: untilReady[^1].Id)
        );
        Assert.That(again!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_revoked_token_is_cut_off_within_seconds()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();
        var token = await owner.PostAsync("me/tokens", new { name = "watcher" });
        var (stream, _) = await EventStreamClient.OpenAsync(token.GetProperty("token").GetString()!, workspaceId);
        await using var _ = stream;

        Assert.That(
            (await owner.Http.DeleteAsync($"me/tokens/{token.GetProperty("id").GetGuid()}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        Assert.That(stream.Ended.Wait(TimeSpan.FromSeconds(4)), Is.True, "the stream of a revoked token is still open");
    }

    [Test]
    public async Task A_user_may_hold_only_so_many_streams_across_hosts()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();
        var limit = TestEnvironment.Hosts.Api.Services.GetRequiredService<StreamSettings>().ConnectionsPerUser;
        var open = new List<EventStreamClient>();
        try
        {
            for (var i = 0; i < limit; i++)
            {
                open.Add(
                    (
                        await EventStreamClient.OpenAsync(
                            owner.Token,
                            workspaceId,
                            i % 2 == 0 ? TestEnvironment.Hosts : TestEnvironment.HostB
                        )
                    ).Stream
                );
            }

            var refused = Assert.ThrowsAsync<HttpRequestException>(() =>
                EventStreamClient.OpenAsync(owner.Token, workspaceId, TestEnvironment.HostB)
            );
            Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var reopened = await ApiClient.EventuallyAsync(
                async () =>
                {
                    try
                    {
                        return (await EventStreamClient.OpenAsync(owner.Token, workspaceId)).Stream;
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                },
                s => s is not null,
                TimeSpan.FromSeconds(5)
            );
            Assert.That(reopened, Is.Not.Null, "a closed stream frees its place");
            open.Add(reopened!);
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Another_workspaces_events_never_arrive_whatever_their_type()
    {
        var watcher = await ApiClient.SignUpAsync();
        var (watchedId, watchedProject) = await watcher.CreateProjectInNewWorkspaceAsync();
        var (stream, _) = await EventStreamClient.OpenAsync(watcher.Token, watchedId);
        await using var _ = stream;

        // Everything happens elsewhere; the watcher is even a member there for a while (and notified), then removed.
        var otherOwner = await ApiClient.SignUpAsync();
        var otherId = await ChangeLogTestKit.EveryEventAsync(otherOwner, watcher);
        Assert.That(
            await TypesInLogAsync(otherId),
            Is.EquivalentTo(Webhooks.WebhookEvents.Names),
            "every event type happened in the other workspace"
        );

        var marker = (await watcher.CreateTaskAsync(watchedProject)).GetProperty("id").GetString();
        var received = await stream.ReadUntilAsync(i => IsAbout(i, marker));
        Assert.That(received.Where(i => i.Change is not null).Select(i => i.Change!.WorkspaceId), Is.All.EqualTo(watchedId));
        Assert.That(received.Select(i => i.Change?.Data.GetRawText() ?? ""), Has.None.Contains(otherId.ToString()));
    }

    [Test]
    public async Task Bad_cursors_and_strangers_get_clear_answers()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();

        using var badCursor = await owner.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/events?after=not-a-cursor");
        await ProblemAssertions.AssertProblemAsync(badCursor, HttpStatusCode.BadRequest);
        using var badHeader = await owner.SendRawAsync(
            HttpMethod.Get,
            $"workspaces/{workspaceId}/events",
            configure: r => r.Headers.Add("Last-Event-ID", "%%%")
        );
        await ProblemAssertions.AssertProblemAsync(badHeader, HttpStatusCode.BadRequest);
        using var notMember = await stranger.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/events");
        await ProblemAssertions.AssertProblemAsync(notMember, HttpStatusCode.NotFound);
        using var anonymous = await ApiClient.Anonymous().GetAsync($"workspaces/{workspaceId}/events");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_client_that_stops_reading_is_disconnected_and_the_hosts_memory_stays_flat()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var fanOut = TestEnvironment.Hosts.Api.Services.GetRequiredService<ChangeFanOut>();
        var dropped = fanOut.Overflowed;

        // A client with a tiny receive window that reads the response headers, then nothing more.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(TestEnvironment.Hosts.BaseAddress.Host, TestEnvironment.Hosts.BaseAddress.Port);
        await socket.SendAsync(
            Encoding.ASCII.GetBytes(
                $"GET /api/v1/workspaces/{workspaceId}/events HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {owner.Token}\r\n\r\n"
            )
        );
        var head = new byte[256];
        Assert.That(Encoding.ASCII.GetString(head, 0, await socket.ReceiveAsync(head)), Does.StartWith("HTTP/1.1 200"));

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var body = new string('x', 20_000);
        var written = 0L;
        for (var i = 0; i < 600 && fanOut.Overflowed == dropped; i++)
        {
            await owner.PostAsync($"tasks/{taskId}/comments", new { body });
            written += body.Length;
        }

        await ApiClient.EventuallyAsync(() => Task.FromResult(fanOut.Overflowed), n => n > dropped, TimeSpan.FromSeconds(10));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Multiple(() =>
        {
            Assert.That(
                fanOut.Overflowed,
                Is.GreaterThan(dropped),
                $"the stalled client was not dropped after {written / 1_000_000.0:F1} MB of changes"
            );
            Assert.That(
                after - before,
                Is.LessThan(16_000_000),
                $"the host grew by {(after - before) / 1_000_000.0:F1} MB while {written / 1_000_000.0:F1} MB of changes were written"
            );
        });
    }

    [Test]
    public async Task The_host_ends_its_streams_when_it_stops_and_the_client_resumes_on_another()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await using var host = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false);
        var (stream, untilReady) = await EventStreamClient.OpenAsync(owner.Token, workspaceId, host);

        var stopping = host.Api.StopAsync();
        Assert.That(stream.Ended.Wait(TimeSpan.FromSeconds(5)), Is.True, "the stream outlived its host's shutdown");
        Assert.That(stream.Ended.IsCompletedSuccessfully, Is.True, "the stream was cut instead of ended");
        await stopping;

        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetString();
        var (resumed, replayed) = await EventStreamClient.OpenAsync(owner.Token, workspaceId, lastEventId: untilReady[^1].Id);
        await using var _ = resumed;
        var received = replayed.Any(i => i.Change is not null)
            ? replayed
            : replayed.Concat(await resumed.ReadUntilAsync(i => i.Change is not null)).ToList();
        Assert.That(
            received.Where(i => i.Signal == StreamSignal.Change).Select(i => i.Change!.Data.GetProperty("taskId").GetString()),
            Is.EqualTo(new[] { taskId })
        );
    }

    [Test]
    public async Task A_host_listens_for_wake_ups_only_while_it_has_streams_and_its_next_stream_goes_live_again()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await using var host = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false);
        var fanOut = host.Api.Services.GetRequiredService<ChangeFanOut>();
        Assert.That(fanOut.Listening, Is.False, "a host without streams listens (a listening session pays a transaction per write)");

        for (var round = 0; round < 2; round++)
        {
            var (stream, _) = await EventStreamClient.OpenAsync(owner.Token, workspaceId, host);
            await ApiClient.EventuallyAsync(() => Task.FromResult(fanOut.Listening), listening => listening, TimeSpan.FromSeconds(5));
            var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetString();
            await stream.ReadUntilAsync(i => IsAbout(i, taskId), TimeSpan.FromSeconds(5));
            await stream.DisposeAsync();
            await ApiClient.EventuallyAsync(() => Task.FromResult(fanOut.Listening), listening => !listening, TimeSpan.FromSeconds(5));
        }
    }

    [Test]
    public async Task A_stream_opened_on_a_host_with_other_streams_starts_at_the_present_even_when_the_reader_lags()
    {
        // A reader of its own that is not woken up (the change below sends no notification) and polls once a minute:
        // it lags behind the log as a host's reader does between a commit and its wake-up.
        await using var db = NpgsqlDataSource.Create(TestEnvironment.Services.PostgresConnectionString);
        using var fanOut = new ChangeFanOut(
            db,
            new StreamSettings(new ConfigurationBuilder().AddInMemoryCollection([new("Stream:PollMilliseconds", "60000")]).Build()),
            NullLogger<ChangeFanOut>.Instance
        );
        await fanOut.StartAsync(CancellationToken.None);
        try
        {
            var (first, _, _) = await fanOut.SubscribeAsync(Guid.NewGuid(), CancellationToken.None);
            await ApiClient.EventuallyAsync(() => Task.FromResult(fanOut.Listening), listening => listening, TimeSpan.FromSeconds(5));
            var workspaceId = Guid.NewGuid();
            await using var connection = await db.OpenConnectionAsync();
            var recorded = await connection.QuerySingleAsync<Guid>(
                """
                insert into changes (workspace_id, type, event_id, actor_id, occurred_at, data)
                values (@workspaceId, 'project.created', gen_random_uuid(), gen_random_uuid(), now(), '{}')
                returning position
                """,
                new { workspaceId }
            );

            var (second, position, present) = await fanOut.SubscribeAsync(workspaceId, CancellationToken.None);
            Assert.That(
                ChangeLog.ComparePositions(position, recorded) >= 0 || present.CommittedBefore(recorded),
                "a change committed before the stream opened is history to it, not news"
            );
            fanOut.Unsubscribe(first);
            fanOut.Unsubscribe(second);
        }
        finally
        {
            await fanOut.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A change about the task (a stream also brings others, such as the task's project being renamed).</summary>
    internal static bool IsAbout(StreamItem item, string? taskId) =>
        item.Change is { } change && change.Data.TryGetProperty("taskId", out var id) && id.GetString() == taskId;

    /// <summary>The types in a workspace's log, as they are stored (whoever may see them).</summary>
    private static async Task<List<string>> TypesInLogAsync(Guid workspaceId)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        return (
            await db.QueryAsync<string>(
                "select distinct type from changes where workspace_id = @workspaceId order by 1",
                new { workspaceId }
            )
        ).AsList();
    }
}

/// <summary>Runs alone: it purges the whole change log, which would make other tests' cursors resync.</summary>
[NonParallelizable]
public class StreamResyncTests
{
    [Test]
    public async Task A_cursor_older_than_what_the_log_keeps_answers_resync_then_goes_live()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var (first, untilReady) = await EventStreamClient.OpenAsync(owner.Token, workspaceId);
        await first.DisposeAsync();
        await owner.CreateTaskAsync(projectId);
        await ChangeLogTestKit.PurgeEverythingSoFarAsync();

        var (resumed, replayed) = await EventStreamClient.OpenAsync(owner.Token, workspaceId, lastEventId: untilReady[^1].Id);
        await using var _ = resumed;
        Assert.That(replayed.Select(i => i.Signal), Is.EqualTo(new[] { StreamSignal.Resync, StreamSignal.Ready }));

        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetString();
        await resumed.ReadUntilAsync(i => StreamChangesTests.IsAbout(i, taskId), TimeSpan.FromSeconds(5));
    }
}

/// <summary>Runs alone: it holds a transaction open, which keeps every host's reader from passing it meanwhile.</summary>
[NonParallelizable]
public class StreamStartTests
{
    [Test]
    public async Task A_stream_opened_while_an_older_transaction_runs_brings_no_change_committed_before_it_opened()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await using var older = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await older.OpenAsync();
        await using var running = await older.BeginTransactionAsync();
        // A transaction id below those of the writes that follow: the log's visible end stays below them until it ends.
        await older.ExecuteAsync("select pg_current_xact_id()", transaction: running);
        await owner.CreateTaskAsync(projectId, new { title = "Committed before the stream opened" });

        var (stream, _) = await EventStreamClient.OpenAsync(owner.Token, workspaceId);
        await using var _ = stream;
        await running.CommitAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Committed after" })).GetProperty("id").GetString();

        var items = await stream.ReadUntilAsync(i => StreamChangesTests.IsAbout(i, taskId), TimeSpan.FromSeconds(10));
        Assert.That(
            items.Where(i => i.Change is not null).Select(i => i.Change!.Data.GetProperty("title").GetString()),
            Is.EqualTo(new[] { "Committed after" })
        );
    }
}
