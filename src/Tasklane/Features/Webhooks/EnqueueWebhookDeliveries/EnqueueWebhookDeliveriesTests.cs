using System.Reflection;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.EnqueueWebhookDeliveries;

public class EnqueueWebhookDeliveriesTests
{
    [Test]
    public void Every_catalogue_event_has_a_handler_and_every_handler_is_in_the_catalogue()
    {
        var handled = typeof(EnqueueWebhookDeliveriesHandler)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == "Handle")
            .Select(m => m.GetParameters()[0].ParameterType);

        Assert.Multiple(() =>
        {
            Assert.That(handled, Is.EquivalentTo(WebhookEvents.Catalogue.Select(e => e.EventType)));
            Assert.That(WebhookEvents.Names, Is.Unique);
            Assert.That(WebhookEvents.Names, Has.None.EqualTo(WebhookEvents.All).And.None.EqualTo(WebhookEvents.Ping));
        });
    }

    [Test]
    public async Task An_event_goes_to_the_webhooks_subscribed_to_it_or_to_everything_only()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (tasks, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "task.created");
        var (everything, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "*");
        var (comments, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "comment.added");
        var (disabled, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "task.created");
        await owner.PatchAsync($"webhooks/{disabled}", new { enabled = false });
        var (elsewhereOwner, elsewhere) = await WorkspaceAsync();
        var (otherWorkspace, _) = await RegisterAsync(elsewhereOwner, elsewhere, receiver.Url, "*");

        var projectId = await owner.CreateProjectAsync(workspaceId);
        await owner.CreateTaskAsync(projectId, new { title = "Fan out" });
        var forTasks = await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, tasks, "delivered"), d => d.Length == 1);
        var forEverything = await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, everything, "delivered"), d => d.Length == 2);

        Assert.Multiple(async () =>
        {
            Assert.That(forTasks.Single().GetProperty("event").GetString(), Is.EqualTo("task.created"));
            Assert.That(
                forEverything.Select(d => d.GetProperty("event").GetString()),
                Is.EquivalentTo(new[] { "project.created", "task.created" })
            );
            Assert.That(await DeliveriesAsync(owner, comments), Is.Empty);
            Assert.That(await DeliveriesAsync(owner, disabled), Is.Empty);
            Assert.That(await DeliveriesAsync(elsewhereOwner, otherWorkspace), Is.Empty);
        });
    }

    /// <summary>
    /// The fan-out is queued only when a webhook of the event's workspace takes the event, as the publisher's transaction
    /// checks: most workspaces have none, and their events then cost the worker nothing here (failed before: always queued).
    /// </summary>
    [Test]
    public async Task An_event_is_queued_for_the_fan_out_only_when_an_enabled_webhook_of_its_workspace_takes_it()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (elsewhereOwner, elsewhere) = await WorkspaceAsync();
        await RegisterAsync(elsewhereOwner, elsewhere, receiver.Url, "*");
        var queued = new List<bool> { await QueuedForFanOutAsync(workspaceId) };
        await RegisterAsync(owner, workspaceId, receiver.Url, "comment.added");
        queued.Add(await QueuedForFanOutAsync(workspaceId));
        var (tasks, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "task.created");
        queued.Add(await QueuedForFanOutAsync(workspaceId));
        await owner.PatchAsync($"webhooks/{tasks}", new { enabled = false });
        queued.Add(await QueuedForFanOutAsync(workspaceId));
        await RegisterAsync(owner, workspaceId, receiver.Url, "*");
        queued.Add(await QueuedForFanOutAsync(workspaceId));

        Assert.That(
            queued,
            Is.EqualTo(new[] { false, false, true, false, true }),
            "no webhook (one elsewhere), one for comments only, one for tasks, that one disabled, one for everything"
        );
    }

    /// <summary>Writes a TaskCreated of the workspace to the fan-out's queue as a publisher would, and rolls back.</summary>
    private static async Task<bool> QueuedForFanOutAsync(Guid workspaceId)
    {
        var created = new TaskCreated(
            Guid.CreateVersion7(),
            workspaceId,
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            DateTime.UtcNow,
            "Queued?",
            StatusCategory.Todo,
            TaskPriority.Normal
        );
        var table = QueueTables.Table(Queues.WebhookEvents);
        var insert = TestEnvironment
            .Hosts.Api.Services.GetRequiredService<QueueTables>()
            .Route(created, null)
            .Single(m => m.Queue == Queues.WebhookEvents)
            .Insert;
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        await using (var batch = new NpgsqlBatch(db, tx) { BatchCommands = { insert } })
        {
            await batch.ExecuteNonQueryAsync();
        }

        var rows = await db.ExecuteScalarAsync<long>(
            $"select count(*) from {table} where id = @id",
            new { id = insert.Parameters[0].Value },
            tx
        );
        await tx.RollbackAsync();
        return rows == 1;
    }

    [Test]
    public async Task The_same_event_handled_twice_makes_one_delivery()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "task.created");
        var fanOut = TestEnvironment.Hosts.Worker!.Services.GetRequiredService<WebhookFanOut>();
        var e = new TaskCreated(
            Guid.CreateVersion7(),
            workspaceId,
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            owner.UserId,
            DateTime.UtcNow,
            "Twice",
            StatusCategory.Todo,
            TaskPriority.Normal
        );

        await fanOut.EnqueueAsync(e, CancellationToken.None);
        await fanOut.EnqueueAsync(e, CancellationToken.None);
        await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "delivered"), d => d.Length == 1);
        await Task.Delay(500);

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var rows = await db.ExecuteScalarAsync<long>(
            "select count(*) from webhook_deliveries where webhook_id = @webhookId",
            new { webhookId }
        );
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(1));
            Assert.That(receiver.Received, Has.Count.EqualTo(1));
            Assert.That(
                JsonDocument.Parse(receiver.Received.Single().Body).RootElement.GetProperty("eventId").GetGuid(),
                Is.EqualTo(e.EventId)
            );
        });
    }

    [Test]
    public void Attachment_deletions_do_not_expose_the_storage_key()
    {
        var e = new Attachments.AttachmentDeleted(
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            Guid.CreateVersion7(),
            DateTime.UtcNow,
            "secret/key",
            "a.pdf",
            true
        );

        var payload = WebhookRules.Payload(
            Guid.CreateVersion7(),
            "attachment.deleted",
            e.EventId,
            e.WorkspaceId,
            e.ActorId,
            e.OccurredAt,
            WebhookEvents.For(e)!.Data(e)
        );

        Assert.That(payload, Does.Not.Contain("secret/key").And.Contain("a.pdf"));
    }
}
