using System.Text.Json;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Exports.ExportTestKit;

namespace Tasklane.Features.Exports.RunExport;

public class RunExportTests
{
    private const int TaskCount = 60_000;

    [Test]
    public async Task An_export_survives_a_killed_worker_and_finishes_once_with_every_task()
    {
        // Its own database, API in process and the worker as a child process: the run's shared worker must not
        // pick the job up, and only a real process can be SIGKILLed mid-export.
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        var workerSettings = new Dictionary<string, string?> { ["Exports:PartSizeBytes"] = "262144" };
        await using var worker = await HostProcess.StartWorkerAsync(services, workerSettings);
        var owner = await ApiClient.SignUpAsync(hosts);
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await SeedAsync(services, projectId, owner.UserId);

        var (_, started) = await StartAsync(owner, projectId);
        var exportId = started.GetProperty("id").GetGuid();
        var midway = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"exports/{exportId}"),
            e => e.GetProperty("progress").GetDouble() > 0,
            TimeSpan.FromSeconds(60)
        );
        Assert.That(midway.GetProperty("status").GetString(), Is.EqualTo("running"), "the export must be caught mid-way: " + worker.Output);
        worker.Kill();

        await worker.RestartAsync();
        var finished = await FinishedAsync(owner, exportId, TimeSpan.FromSeconds(120));
        var file = await DownloadAsync(finished);
        var ids = new HashSet<Guid>();
        using (var document = JsonDocument.Parse(file))
        {
            foreach (var task in document.RootElement.GetProperty("tasks").EnumerateArray())
            {
                ids.Add(task.GetProperty("id").GetGuid());
            }
        }

        var (attempts, finishedAt) = await RowAsync(services, exportId);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (attemptsLater, finishedAtLater) = await RowAsync(services, exportId);
        Assert.Multiple(() =>
        {
            Assert.That(finished.GetProperty("taskCount").GetInt64(), Is.EqualTo(TaskCount));
            Assert.That(ids, Has.Count.EqualTo(TaskCount), "every task once, none twice");
            Assert.That(finished.GetProperty("size").GetInt64(), Is.EqualTo(System.Text.Encoding.UTF8.GetByteCount(file)));
            Assert.That(attempts, Is.GreaterThanOrEqualTo(2), "the killed run was restarted");
            Assert.That((attemptsLater, finishedAtLater), Is.EqualTo((attempts, finishedAt)), "finished once: nothing ran it again");
        });
    }

    /// <summary>Tasks written straight into the database: the API would take minutes for this many.</summary>
    private static async Task SeedAsync(TestServices services, Guid projectId, Guid userId)
    {
        await using var connection = new NpgsqlConnection(services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            insert into tasks (id, workspace_id, project_id, title, description, status, priority, position, created_by, created_at, updated_at)
            select gen_random_uuid(), p.workspace_id, p.id, 'Seeded task ' || n, repeat('Some description text. ', 12), 'todo', 'normal', n, @user, now(), now()
            from projects p, generate_series(1, @count) n
            where p.id = @project
            """,
            connection
        );
        insert.Parameters.AddWithValue("project", projectId);
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("count", TaskCount);
        insert.CommandTimeout = 300;
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<(int Attempts, DateTime? FinishedAt)> RowAsync(TestServices services, Guid exportId)
    {
        await using var connection = new NpgsqlConnection(services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select attempt, finished_at from exports where id = @id", connection);
        query.Parameters.AddWithValue("id", exportId);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1));
    }
}
