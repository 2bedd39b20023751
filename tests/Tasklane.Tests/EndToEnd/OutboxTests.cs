using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Tests.Support;

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

        TaskUpdated Event() =>
            new(
                Guid.CreateVersion7(),
                workspaceId,
                projectId,
                taskId,
                client.UserId,
                DateTime.UtcNow,
                2,
                new TaskChanges { Title = new("Original", "Changed") }
            );

        var rolledBack = Event();
        await using (var tx = await outbox.BeginAsync(default))
        {
            await tx.ExecuteAsync("update tasks set title = 'Rolled back' where id = @taskId", new { taskId }, default);
            tx.Publish(rolledBack);
            // Disposed without commit: the transaction rolls back.
        }

        var committed = Event();
        await using (var tx = await outbox.BeginAsync(default))
        {
            await tx.ExecuteAsync("update tasks set title = 'Committed' where id = @taskId", new { taskId }, default);
            tx.Publish(committed);
            await tx.CommitAsync(default);
        }

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var delivered = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<bool>("select exists (select 1 from activity where id = @id)", new { id = committed.EventId }),
            found => found
        );
        // Give a leaked event the same chance to arrive as the committed one had.
        await Task.Delay(500);
        var leaked = await db.ExecuteScalarAsync<bool>(
            "select exists (select 1 from activity where id = @id)",
            new { id = rolledBack.EventId }
        );

        Assert.Multiple(async () =>
        {
            Assert.That(delivered, Is.True, "the committed event reached the worker");
            Assert.That(leaked, Is.False, "the rolled-back event never left");
            Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("title").GetString(), Is.EqualTo("Committed"));
        });
    }

    /// <summary>The message is in the worker's queue table when the commit returns: there is no send left to lose.</summary>
    [Test]
    public async Task An_event_committed_by_a_host_that_stops_at_once_is_still_delivered_and_leaves_no_outbox_row()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var created = new TaskCreated(
            Guid.CreateVersion7(),
            workspaceId,
            projectId,
            Guid.CreateVersion7(),
            client.UserId,
            DateTime.UtcNow,
            "Orphan",
            StatusCategory.Todo,
            TaskPriority.Normal
        );

        var doomed = await TasklaneHosts.StartAsync(TestEnvironment.Services, withWorker: false);
        await using (var tx = await doomed.Api.Services.GetRequiredService<Outbox>().BeginAsync(default))
        {
            tx.Publish(created);
            await tx.CommitAsync(default);
        }

        await doomed.DisposeAsync();

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var outgoing = await db.ExecuteScalarAsync<long>("select count(*) from wolverine_api.wolverine_outgoing_envelopes");
        var delivered = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<bool>("select exists (select 1 from activity where id = @id)", new { id = created.EventId }),
            found => found
        );

        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.True, "the worker handled the committed event");
            Assert.That(outgoing, Is.Zero, "no envelope waits in Wolverine's outbox table: messages go straight to their queue");
        });
    }

    /// <summary>QueueTables writes Wolverine's tables behind its back: if Wolverine changes their shape, this says so first.</summary>
    [Test]
    public async Task The_queue_tables_have_the_columns_the_outbox_writes()
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        async Task<string[]> Columns(string table) =>
            [
                .. await db.QueryAsync<string>(
                    "select column_name from information_schema.columns where table_schema = 'wolverine_queues' and table_name = @table",
                    new { table }
                ),
            ];

        foreach (var queue in Queues.Subscriptions(typeof(Queues).Assembly).Select(s => s.Queue).Distinct())
        {
            Assert.That(await Columns($"wolverine_queue_{queue}"), Is.SupersetOf(new[] { "id", "body", "message_type", "keep_until" }));
            Assert.That(
                await Columns($"wolverine_queue_{queue}_scheduled"),
                Is.SupersetOf(new[] { "id", "body", "message_type", "keep_until", "execution_time" })
            );
        }

        // What migrate adds after Wolverine's schema step (WolverineTables.sql) survived it.
        Assert.That(
            await db.ExecuteScalarAsync<long>(
                "select count(*) from pg_indexes where schemaname = 'wolverine_worker' and indexname = 'tasklane_incoming_received_at'"
            ),
            Is.EqualTo(1)
        );
        Assert.That(
            await db.ExecuteScalarAsync<string>(
                "select array_to_string(reloptions, ',') from pg_class where oid = 'wolverine_queues.wolverine_queue_activity'::regclass"
            ),
            Does.Contain("autovacuum_vacuum_threshold=1000")
        );
    }

    /// <summary>A subscriber with nothing to do for an event does not get it: no row, no poll, no handler run.</summary>
    [Test]
    public void An_event_is_queued_only_for_the_subscribers_that_take_it()
    {
        var queues = TestEnvironment.Hosts.Api.Services.GetRequiredService<QueueTables>();
        string[] QueuesFor(object message) => [.. queues.Route(message, null).Select(m => m.Queue).Order()];
        var plain = new TaskCreated(
            Guid.CreateVersion7(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.CreateVersion7(),
            Guid.NewGuid(),
            DateTime.UtcNow,
            "Plain",
            StatusCategory.Todo,
            TaskPriority.Normal
        );
        var full = plain with { DueAt = DateTime.UtcNow.AddDays(2), AssigneeIds = [Guid.NewGuid()] };
        var retitled = new TaskUpdated(
            Guid.CreateVersion7(),
            plain.WorkspaceId,
            plain.ProjectId,
            plain.TaskId,
            plain.ActorId,
            DateTime.UtcNow,
            2,
            new TaskChanges { Title = new("Plain", "Renamed") }
        );
        var rescheduled = retitled with
        {
            Changes = new TaskChanges { DueAt = new(null, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)) },
        };

        var completed = retitled with { Changes = new TaskChanges { Status = new(StatusCategory.Todo, StatusCategory.Done) } };

        Assert.Multiple(() =>
        {
            Assert.That(QueuesFor(plain), Is.EqualTo(new[] { Queues.Activity, Queues.WebhookEvents }));
            Assert.That(
                QueuesFor(full),
                Is.EqualTo(new[] { Queues.Activity, Queues.Notifications, Queues.Reminders, Queues.WebhookEvents })
            );
            Assert.That(QueuesFor(retitled), Is.EqualTo(new[] { Queues.Activity, Queues.WebhookEvents }));
            Assert.That(QueuesFor(rescheduled), Is.EqualTo(new[] { Queues.Activity, Queues.Reminders, Queues.WebhookEvents }));
            // Written only if the task recurs, which its transaction checks (CreateNextOccurrenceHandler.WrittenWhen).
            Assert.That(QueuesFor(completed), Is.EqualTo(new[] { Queues.Activity, Queues.Recurrences, Queues.WebhookEvents }));
        });
    }

    [Test]
    public async Task A_redelivered_event_produces_one_activity_entry()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var created = new TaskCreated(
            Guid.CreateVersion7(),
            workspaceId,
            projectId,
            Guid.CreateVersion7(),
            client.UserId,
            DateTime.UtcNow,
            "Twice",
            StatusCategory.Todo,
            TaskPriority.Normal
        );
        var outbox = TestEnvironment.Hosts.Api.Services.GetRequiredService<Outbox>();

        // The same event in four envelopes through the real queue, as redeliveries after crashes would arrive.
        for (var copy = 0; copy < 4; copy++)
        {
            await using var tx = await outbox.BeginAsync(default);
            tx.Publish(created);
            await tx.CommitAsync(default);
        }

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var pending = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<long>("select count(*) from wolverine_queues.wolverine_queue_activity"),
            count => count == 0
        );
        await Task.Delay(300); // the last claimed envelope finishes its handler
        var entries = await db.ExecuteScalarAsync<long>("select count(*) from activity where id = @id", new { id = created.EventId });

        Assert.That(pending, Is.Zero, "the worker drained the queue");
        Assert.That(entries, Is.EqualTo(1));
    }
}
