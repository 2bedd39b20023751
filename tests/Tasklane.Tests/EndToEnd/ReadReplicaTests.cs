using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// Stale-tolerant reads on a real streaming replica (services.sh --replica-port) of the run's PostgreSQL, on an own
/// database. Pausing the replica's WAL replay makes its staleness visible and deterministic.
/// </summary>
[TestFixture]
public class ReadReplicaTests
{
    private TestServices _withReplica = null!;
    private TestServices _services = null!;
    private TasklaneHosts _hosts = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!TestEnvironment.Services.CanStartReplica)
        {
            Assert.Ignore("The replica is started by scripts/services.sh (local servers), not with containers.");
        }

        _withReplica = await TestEnvironment.Services.WithReplicaAsync();
        _services = await _withReplica.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(_services);
        _hosts = await TasklaneHosts.StartAsync(
            _services,
            withWorker: true,
            settings: new Dictionary<string, string?> { ["ReadDb:ReplicaRetrySeconds"] = "1" }
        );
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await ResumeReplayAsync();
        if (_hosts is not null)
        {
            await _hosts.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await TestEnvironment.Services.StopReplicaAsync();
    }

    [Test]
    public async Task The_writer_reads_their_own_write_at_once_while_another_member_reads_the_lagging_replica()
    {
        var owner = await ApiClient.SignUpAsync(_hosts);
        var member = await ApiClient.SignUpAsync(_hosts);
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        await WaitForReplicaToCatchUpAsync();

        await PauseReplayAsync();
        Guid id;
        IEnumerable<Guid> ownerSees,
            memberSees,
            ownerSearch;
        try
        {
            id = (await owner.CreateTaskAsync(projectId, new { title = "Fresh replica probe" })).GetProperty("id").GetGuid();
            ownerSees = Ids(await owner.GetAsync($"projects/{projectId}/tasks"));
            ownerSearch = (await owner.GetAsync($"workspaces/{workspaceId}/search?q=probe"))
                .GetProperty("items")
                .EnumerateArray()
                .Select(h => h.GetProperty("id").GetGuid());
            memberSees = Ids(await member.GetAsync($"projects/{projectId}/tasks"));
        }
        finally
        {
            await ResumeReplayAsync();
        }

        var later = await ApiClient.EventuallyAsync(
            async () => Ids(await member.GetAsync($"projects/{projectId}/tasks")),
            ids => ids.Contains(id)
        );
        Assert.Multiple(() =>
        {
            Assert.That(ownerSees, Does.Contain(id), "read-your-writes: the writer's list comes from the primary");
            Assert.That(ownerSearch, Does.Contain(id), "and so does the writer's search");
            Assert.That(memberSees, Does.Not.Contain(id), "another member's list came from the paused replica");
            Assert.That(later, Does.Contain(id), "once replayed, the replica has it");
        });
    }

    [Test]
    public async Task An_export_requested_after_edits_contains_them_even_while_the_replica_lags()
    {
        var owner = await ApiClient.SignUpAsync(_hosts);
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await WaitForReplicaToCatchUpAsync();

        await PauseReplayAsync();
        System.Text.Json.JsonElement export;
        try
        {
            await owner.CreateTaskAsync(projectId, new { title = "Made just before the export" });
            var (_, started) = await Features.Exports.ExportTestKit.StartAsync(owner, projectId);
            // The worker waits for the replica to catch up, gives up (paused) and reads the primary.
            export = await Features.Exports.ExportTestKit.FinishedAsync(owner, started.GetProperty("id").GetGuid());
        }
        finally
        {
            await ResumeReplayAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(export.GetProperty("status").GetString(), Is.EqualTo("succeeded"), export.ToString());
            Assert.That(export.GetProperty("taskCount").GetInt64(), Is.EqualTo(1), export.ToString());
        });
    }

    [Test]
    public async Task Reads_answer_from_the_primary_while_the_replica_is_down_and_use_it_again_when_it_is_back()
    {
        var owner = await ApiClient.SignUpAsync(_hosts);
        var member = await ApiClient.SignUpAsync(_hosts);
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var id = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        IEnumerable<Guid> whileDown,
            again;
        await TestEnvironment.Services.StopReplicaAsync();
        try
        {
            whileDown = Ids(await member.GetAsync($"projects/{projectId}/tasks"));
            await member.GetAsync($"workspaces/{workspaceId}/activity");
            await member.GetAsync($"workspaces/{workspaceId}/search?q=task");
        }
        finally
        {
            await TestEnvironment.Services.WithReplicaAsync();
        }

        await Task.Delay(1500); // ReplicaRetrySeconds = 1
        again = await ApiClient.EventuallyAsync(
            async () => Ids(await member.GetAsync($"projects/{projectId}/tasks")),
            ids => ids.Contains(id)
        );

        Assert.Multiple(() =>
        {
            Assert.That(whileDown, Does.Contain(id));
            Assert.That(again, Does.Contain(id));
        });
    }

    private static List<Guid> Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();

    // Unpooled: the replica is stopped and restarted here, which leaves dead connections in a pool.
    private NpgsqlConnection Replica() =>
        new(
            new NpgsqlConnectionStringBuilder(_services.Configuration["ConnectionStrings:PostgresReplica"])
            {
                Pooling = false,
            }.ConnectionString
        );

    private async Task PauseReplayAsync()
    {
        await using var replica = Replica();
        await replica.ExecuteAsync("select pg_wal_replay_pause()");
        // Pausing is asynchronous: wait until replay has actually stopped.
        await ApiClient.EventuallyAsync(
            () => replica.ExecuteScalarAsync<string>("select pg_get_wal_replay_pause_state()"),
            state => state == "paused"
        );
    }

    private async Task ResumeReplayAsync()
    {
        if (_services is null)
        {
            return;
        }

        try
        {
            await using var replica = Replica();
            await replica.ExecuteAsync("select pg_wal_replay_resume()");
        }
        catch (NpgsqlException)
        {
            // Stopped: a restarted replica replays anyway.
        }
    }

    private async Task WaitForReplicaToCatchUpAsync()
    {
        await using var primary = new NpgsqlConnection(_services.PostgresConnectionString);
        var target = await primary.ExecuteScalarAsync<string>("select pg_current_wal_insert_lsn()::text");
        await using var replica = Replica();
        var caughtUp = await ApiClient.EventuallyAsync(
            () => replica.ExecuteScalarAsync<bool>("select pg_last_wal_replay_lsn() >= @target::pg_lsn", new { target }),
            ok => ok,
            TimeSpan.FromSeconds(10)
        );
        Assert.That(caughtUp, Is.True, "the replica did not catch up within 10 s");
    }
}
