using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using NUnit.Framework;
using Tasklane.Client;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Faults;

/// <summary>
/// Postgres stops mid-load and comes back: meanwhile the API answers 503 ProblemDetails (never a 500), afterwards
/// it serves again without a restart, no acknowledged write is lost, the outbox drains (every task gets its
/// activity entry), and a client following the workspace's event stream throughout sees every task once.
/// </summary>
public class PostgresRestartTests
{
    [Test]
    public async Task The_api_answers_503_while_postgres_is_down_and_recovers_by_itself_losing_nothing()
    {
        // Servers of its own: stopping the run's shared Postgres would fail every other test.
        await using var services = await TestServices.StartAsync();
        if (!services.CanRestartPostgres)
        {
            Assert.Ignore("Restarting Postgres needs the local backend (no Docker).");
        }

        await TasklaneHosts.MigrateAsync(services);
        var settings = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" };
        await using var api = await HostProcess.StartApiAsync(services, settings);
        await using var worker = await HostProcess.StartWorkerAsync(services, settings);
        var owner = await ApiClient.SignUpAsync(api.CreateClient());
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var http = owner.Http;

        var streamed = new ConcurrentDictionary<Guid, int>();
        var live = new TaskCompletionSource();
        using var unfollow = new CancellationTokenSource();
        using var streamHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        streamHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", owner.Token);
        var follower = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in WorkspaceEvents.FollowAsync(streamHttp, api.BaseAddress, workspaceId, ct: unfollow.Token))
                {
                    live.TrySetResult();
                    if (item.Change is { Type: "task.created" } change)
                    {
                        streamed.AddOrUpdate(change.Data.GetProperty("taskId").GetGuid(), 1, (_, n) => n + 1);
                    }
                }
            }
            catch (OperationCanceledException) when (unfollow.IsCancellationRequested) { }
        });
        await live.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var acknowledged = new ConcurrentBag<Guid>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var problems = new ConcurrentBag<string>();
        var down = false;
        var downAnswers = 0;
        using var stop = new CancellationTokenSource();

        async Task WriteAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "during restart" });
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
                }
                else
                {
                    if (Volatile.Read(ref down))
                    {
                        Interlocked.Increment(ref downAnswers);
                    }

                    if (
                        response.StatusCode != HttpStatusCode.ServiceUnavailable
                        || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                        || body.Contains("   at ", StringComparison.Ordinal)
                    )
                    {
                        problems.Add($"{(int)response.StatusCode}: {body}");
                    }

                    await Task.Delay(50);
                }
            }
        }

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(WriteAsync)).ToArray();
        await Task.Delay(1000);
        await services.StopPostgresAsync();
        Volatile.Write(ref down, true);
        await Task.Delay(2000);
        await services.StartPostgresAsync();
        Volatile.Write(ref down, false);
        var before = acknowledged.Count;
        var recovered = Stopwatch.StartNew();
        while (acknowledged.Count < before + 50 && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await using var db = new NpgsqlConnection(services.PostgresConnectionString);
        NpgsqlConnection.ClearPool(db); // the migration's idle connections died with the old server
        await db.OpenAsync();
        var existing = await IdsAsync(db, "select id from tasks where project_id = @p", projectId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HashSet<Guid> recorded;
        while (
            (recorded = await IdsAsync(db, "select task_id from activity where project_id = @p and kind = 'task.created'", projectId)).Count
                < existing.Count
            && DateTime.UtcNow < deadline
        )
        {
            await Task.Delay(250);
        }

        while (streamed.Count < existing.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        await unfollow.CancelAsync();
        await follower;

        TestContext.Out.WriteLine(
            $"answers: {string.Join(", ", statuses.Select(s => $"{(int)s.Key} x {s.Value}"))}; acknowledged {acknowledged.Count}; tasks {existing.Count}; entries {recorded.Count}; streamed {streamed.Count}"
        );
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, "only 503 ProblemDetails without stack traces while Postgres was down");
            Assert.That(downAnswers, Is.GreaterThan(0), "requests were made while Postgres was down");
            Assert.That(acknowledged.Count, Is.GreaterThanOrEqualTo(before + 50), "the API recovered by itself: " + api.Output);
            Assert.That(acknowledged.Where(id => !existing.Contains(id)), Is.Empty, "acknowledged writes lost");
            Assert.That(existing.Except(recorded), Is.Empty, "the outbox drained: every task has its activity entry");
            Assert.That(streamed.Keys, Is.EquivalentTo(existing), "the event stream carried every task across the restart");
            Assert.That(streamed.Where(s => s.Value > 1).Select(s => s.Key), Is.Empty, "the event stream repeated a task");
        });
    }

    private static async Task<HashSet<Guid>> IdsAsync(NpgsqlConnection db, string sql, Guid projectId)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("p", projectId);
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
