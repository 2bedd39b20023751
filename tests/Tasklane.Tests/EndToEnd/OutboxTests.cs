using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Tests.Support;
using Wolverine;
using Wolverine.Runtime;

namespace Tasklane.Tests.EndToEnd;

/// <summary>The write and its event commit together: a rolled-back write publishes nothing; a committed one reaches the worker.</summary>
public class OutboxTests
{
    [Test]
    public async Task A_rolled_back_write_sends_no_event_and_a_committed_one_does()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await client.CreateTaskAsync(projectId, new { title = "Original" });
        var taskId = task.GetProperty("id").GetGuid();
        var services = TestEnvironment.Hosts.Api.Services;
        var outbox = services.GetRequiredService<Outbox>();
        var runtime = services.GetRequiredService<IWolverineRuntime>();

        TaskUpdated Event() => new(Guid.CreateVersion7(), workspaceId, projectId, taskId, client.UserId, DateTime.UtcNow, 2,
            new Dictionary<string, FieldChange> { ["title"] = new("Original", "Changed") });

        var rolledBack = Event();
        await using (var tx = await outbox.BeginAsync(new MessageContext(runtime), default))
        {
            await tx.Connection.ExecuteAsync("update tasks set title = 'Rolled back' where id = @taskId", new { taskId }, tx.Transaction);
            await tx.PublishAsync(rolledBack);
            // Disposed without commit: the transaction rolls back.
        }

        var committed = Event();
        await using (var tx = await outbox.BeginAsync(new MessageContext(runtime), default))
        {
            await tx.Connection.ExecuteAsync("update tasks set title = 'Committed' where id = @taskId", new { taskId }, tx.Transaction);
            await tx.PublishAsync(committed);
            await tx.CommitAsync(default);
        }

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var delivered = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<bool>("select exists (select 1 from activity where id = @id)", new { id = committed.EventId }),
            found => found);
        // Give a leaked event the same chance to arrive as the committed one had.
        await Task.Delay(500);
        var leaked = await db.ExecuteScalarAsync<bool>("select exists (select 1 from activity where id = @id)", new { id = rolledBack.EventId });

        Assert.Multiple(async () =>
        {
            Assert.That(delivered, Is.True, "the committed event reached the worker");
            Assert.That(leaked, Is.False, "the rolled-back event never left");
            Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("title").GetString(), Is.EqualTo("Committed"));
        });
    }

    [Test]
    public async Task An_event_committed_by_a_host_that_stops_before_sending_it_is_still_delivered()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var created = new TaskCreated(Guid.CreateVersion7(), workspaceId, projectId, Guid.CreateVersion7(), client.UserId, DateTime.UtcNow, "Orphan", "todo", "normal");

        var doomed = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false);
        var outbox = doomed.Api.Services.GetRequiredService<Outbox>();
        var tx = await outbox.BeginAsync(new MessageContext(doomed.Api.Services.GetRequiredService<IWolverineRuntime>()), default);
        await tx.PublishAsync(created);
        // Commit the data and the stored envelope, then go away before the envelope is sent.
        await tx.Transaction.CommitAsync();
        await tx.DisposeAsync();
        await doomed.DisposeAsync();

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var delivered = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<bool>("select exists (select 1 from activity where id = @id)", new { id = created.EventId }),
            found => found,
            TimeSpan.FromSeconds(60));

        Assert.That(delivered, Is.True, "another host recovered the stored envelope and sent it");
    }

    [Test]
    public async Task A_redelivered_event_produces_one_activity_entry()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var created = new TaskCreated(Guid.CreateVersion7(), workspaceId, projectId, Guid.CreateVersion7(), client.UserId, DateTime.UtcNow, "Twice", "todo", "normal");
        var api = TestEnvironment.Hosts.Api.Services.GetRequiredService<IWolverineRuntime>();

        // The same event in two envelopes through the real queue, as a redelivery after a crash would arrive...
        var bus = new MessageContext(api);
        await bus.PublishAsync(created);
        await bus.PublishAsync(created);
        await bus.FlushOutgoingMessagesAsync();
        // ...and handled twice more in the worker directly.
        var worker = new MessageContext(TestEnvironment.Hosts.Worker!.Services.GetRequiredService<IWolverineRuntime>());
        await worker.InvokeAsync(created);
        await worker.InvokeAsync(created);

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var pending = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<long>("select count(*) from wolverine_queues.wolverine_queue_worker"),
            count => count == 0);
        await Task.Delay(300); // the last claimed envelope finishes its handler
        var entries = await db.ExecuteScalarAsync<long>("select count(*) from activity where id = @id", new { id = created.EventId });

        Assert.That(pending, Is.Zero, "the worker drained the queue");
        Assert.That(entries, Is.EqualTo(1));
    }
}
