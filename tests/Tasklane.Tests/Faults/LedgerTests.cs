using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Faults;

/// <summary>
/// The ledger: tasks written through two API hosts while the worker is SIGKILLed and restarted twice and one API
/// host is SIGKILLed for good. Afterwards every acknowledged write exists (lost = 0) and every task has exactly one
/// activity entry from its TaskCreated event (missing = 0, duplicated = 0), whatever host or worker it went through.
/// </summary>
public class LedgerTests
{
    private const int Writers = 8;

    [Test]
    public async Task Nothing_acknowledged_is_lost_and_every_event_is_recorded_exactly_once_through_crashes()
    {
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        var settings = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" };
        await using var api1 = await HostProcess.StartApiAsync(services, settings);
        await using var api2 = await HostProcess.StartApiAsync(services, settings);
        await using var worker = await HostProcess.StartWorkerAsync(services, settings);
        var hosts = new[] { api1, api2 };
        var owner = await ApiClient.SignUpAsync(api1.CreateClient());
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var clients = hosts
            .Select(h =>
            {
                var http = h.CreateClient();
                http.DefaultRequestHeaders.Authorization = new("Bearer", owner.Token);
                http.Timeout = TimeSpan.FromSeconds(30);
                return http;
            })
            .ToArray();

        var total = FaultSuite.LedgerWrites;
        var acknowledged = new ConcurrentDictionary<int, Guid>();
        var failed = 0;
        var next = -1;
        var api2Alive = true;
        var chaos = new (double At, string What, Func<Task> Act)[]
        {
            (
                0.15,
                "kill worker",
                () =>
                {
                    worker.Kill();
                    return Task.CompletedTask;
                }
            ),
            (0.30, "restart worker", worker.RestartAsync),
            (
                0.45,
                "kill worker",
                () =>
                {
                    worker.Kill();
                    return Task.CompletedTask;
                }
            ),
            (0.55, "restart worker", worker.RestartAsync),
            (
                0.70,
                "kill API host 2",
                () =>
                {
                    api2.Kill();
                    api2Alive = false;
                    return Task.CompletedTask;
                }
            ),
        };
        var step = 0;
        var chaosLock = new SemaphoreSlim(1);

        async Task WriteAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                await chaosLock.WaitAsync();
                try
                {
                    while (step < chaos.Length && i >= chaos[step].At * total)
                    {
                        await chaos[step].Act();
                        step++;
                    }
                }
                finally
                {
                    chaosLock.Release();
                }

                var client = clients[api2Alive ? i % 2 : 0];
                try
                {
                    using var response = await client.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = $"ledger {i}" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed); // the host died under this request: not acknowledged
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync)));
        Assert.That(step, Is.EqualTo(chaos.Length), "every fault was injected");

        await using var db = new NpgsqlConnection(services.PostgresConnectionString);
        await db.OpenAsync();
        var tasks = await ScalarAsync(db, "select count(*) from tasks where project_id = @p", projectId);
        // The killed API host's unsent events are recovered by the live one once the dead node is detected.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        long recorded;
        while (
            (recorded = await ScalarAsync(db, "select count(*) from activity where project_id = @p and kind = 'task.created'", projectId))
                < tasks
            && DateTime.UtcNow < deadline
        )
        {
            await Task.Delay(250);
        }

        var existing = new HashSet<Guid>();
        await using (var ids = new NpgsqlCommand("select id from tasks where project_id = @p", db))
        {
            ids.Parameters.AddWithValue("p", projectId);
            await using var reader = await ids.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetGuid(0));
            }
        }

        var lost = acknowledged.Values.Count(id => !existing.Contains(id));
        var duplicated = await ScalarAsync(
            db,
            """
            select coalesce(sum(n - 1), 0) from (
              select count(*) as n from activity where project_id = @p and kind = 'task.created' group by task_id having count(*) > 1) d
            """,
            projectId
        );
        var missing = await ScalarAsync(
            db,
            """
            select count(*) from tasks t where t.project_id = @p
              and not exists (select 1 from activity a where a.task_id = t.id and a.kind = 'task.created')
            """,
            projectId
        );
        TestContext.Out.WriteLine(
            $"ledger: {total} writes, {acknowledged.Count} acknowledged, {failed} failed, {tasks} tasks, {recorded} entries; lost {lost}, missing {missing}, duplicated {duplicated}"
        );
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Has.Count.GreaterThan(total / 2), "most writes went through");
            Assert.That(lost, Is.Zero, "acknowledged writes lost");
            Assert.That(tasks, Is.LessThanOrEqualTo(total), "a write became two tasks");
            Assert.That(missing, Is.Zero, "tasks without their activity entry: " + worker.Output);
            Assert.That(duplicated, Is.Zero, "activity entries recorded twice");
        });
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, Guid projectId)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("p", projectId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
