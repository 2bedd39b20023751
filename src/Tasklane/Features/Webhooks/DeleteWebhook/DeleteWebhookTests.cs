using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.DeleteWebhook;

public class DeleteWebhookTests
{
    [Test]
    public async Task Deletes_the_webhook_and_its_deliveries_and_nothing_more_is_sent()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "project.created");
        await owner.PostAsync($"webhooks/{webhookId}/ping", null, HttpStatusCode.Accepted);
        await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "delivered"), d => d.Length == 1);

        using var response = await owner.SendRawAsync(HttpMethod.Delete, $"webhooks/{webhookId}");
        await owner.CreateProjectAsync(workspaceId);
        await Task.Delay(1000);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(
                (await owner.SendRawAsync(HttpMethod.Get, $"webhooks/{webhookId}")).StatusCode,
                Is.EqualTo(HttpStatusCode.NotFound)
            );
            Assert.That(receiver.Received, Has.Count.EqualTo(1), "only the ping");
        });
    }

    [Test]
    public async Task Members_get_403_and_strangers_404()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook");
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var stranger = await ApiClient.SignUpAsync();

        await (await member.SendRawAsync(HttpMethod.Delete, $"webhooks/{webhookId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.SendRawAsync(HttpMethod.Delete, $"webhooks/{webhookId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.GetAsync($"webhooks/{webhookId}");
    }
}
