using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.RedeliverWebhookDelivery;

public class RedeliverWebhookDeliveryTests
{
    [Test]
    public async Task A_dead_delivery_replayed_after_the_receiver_recovers_is_delivered_with_the_same_id_and_body()
    {
        var recovered = false;
        await using var receiver = await WebhookReceiver.StartAsync(_ => Volatile.Read(ref recovered) ? 200 : 503);
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, secret) = await RegisterAsync(owner, workspaceId, receiver.Url, "*");
        var ping = await owner.PostAsync($"webhooks/{webhookId}/ping", null, HttpStatusCode.Accepted);
        var deliveryId = ping.GetProperty("id").GetString();
        await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "dead"), d => d.Length == 1, TimeSpan.FromSeconds(30));

        Volatile.Write(ref recovered, true);
        var replay = await owner.PostAsync($"webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", null, HttpStatusCode.Accepted);
        var delivered = await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "delivered"), d => d.Length == 1);

        var requests = receiver.Received.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(replay.GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(delivered.Single().GetProperty("id").GetString(), Is.EqualTo(deliveryId));
            Assert.That(delivered.Single().GetProperty("attempts").GetInt32(), Is.EqualTo(6), "five before it died, one on replay");
            Assert.That(requests, Has.Length.EqualTo(6));
            Assert.That(requests[^1].DeliveryId, Is.EqualTo(deliveryId));
            Assert.That(requests[^1].Body, Is.EqualTo(requests[0].Body));
            Assert.That(
                WebhookSignature.Verify(secret, requests[^1].Signature, requests[^1].Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                Is.True
            );
        });
    }

    [Test]
    public async Task An_unknown_delivery_or_one_of_another_webhook_is_404()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook");
        var (otherId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/other");
        var ping = await owner.PostAsync($"webhooks/{otherId}/ping", null, HttpStatusCode.Accepted);

        await (
            await owner.SendRawAsync(HttpMethod.Post, $"webhooks/{webhookId}/deliveries/{Guid.CreateVersion7()}/redeliver")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await (
            await owner.SendRawAsync(HttpMethod.Post, $"webhooks/{webhookId}/deliveries/{ping.GetProperty("id").GetString()}/redeliver")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
