using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.PingWebhook;

public class PingWebhookTests
{
    [Test]
    public async Task A_ping_reaches_the_receiver_signed_and_shows_as_delivered()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, secret) = await RegisterAsync(owner, workspaceId, receiver.Url, "task.created");

        var ping = await owner.PostAsync($"webhooks/{webhookId}/ping", null, HttpStatusCode.Accepted);
        var delivered = await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "delivered"), d => d.Length == 1);

        var request = receiver.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ping.GetProperty("event").GetString(), Is.EqualTo("ping"));
            Assert.That(ping.GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(request.Event, Is.EqualTo("ping"));
            Assert.That(request.DeliveryId, Is.EqualTo(ping.GetProperty("id").GetString()));
            Assert.That(
                JsonDocument.Parse(request.Body).RootElement.GetProperty("data").GetProperty("webhookId").GetGuid(),
                Is.EqualTo(webhookId)
            );
            Assert.That(
                WebhookSignature.Verify(secret, request.Signature, request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                Is.True
            );
            Assert.That(delivered.Single().GetProperty("attemptLog")[0].GetProperty("responseBody").GetString(), Is.EqualTo("thanks"));
        });
    }

    [Test]
    public async Task Members_may_not_ping_and_strangers_do_not_see_the_webhook()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook");
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var stranger = await ApiClient.SignUpAsync();

        await (await member.SendRawAsync(HttpMethod.Post, $"webhooks/{webhookId}/ping")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.SendRawAsync(HttpMethod.Post, $"webhooks/{webhookId}/ping")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
