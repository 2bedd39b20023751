using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.DeliverWebhook;

/// <summary>Deliveries through the run's worker to real receivers on 127.0.0.1 (retries ~100 ms apart in tests).</summary>
public class DeliverWebhookTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<Guid> CreateTaskAsync(ApiClient owner, Guid workspaceId, string title = "Ship it") =>
        (await owner.CreateTaskAsync(await owner.CreateProjectAsync(workspaceId), new { title })).GetProperty("id").GetGuid();

    [Test]
    public async Task A_receiver_that_fails_three_times_gets_the_delivery_on_the_fourth_try_with_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.FailingTimesAsync(3);
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, secret) = await RegisterAsync(owner, workspaceId, receiver.Url, "task.created");

        var taskId = await CreateTaskAsync(owner, workspaceId);
        var delivered = await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "delivered"), d => d.Length == 1, Patience);

        var requests = receiver.Received.ToArray();
        var delivery = delivered.Single();
        var body = JsonDocument.Parse(requests[^1].Body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Length.EqualTo(4));
            Assert.That(
                requests.Select(r => r.DeliveryId).Distinct(),
                Is.EqualTo(new[] { delivery.GetProperty("id").GetString() }),
                "one delivery id for every try"
            );
            Assert.That(requests.All(r => r.Event == "task.created"));
            Assert.That(requests.All(r => r.Body == requests[0].Body), "the same body every time");
            Assert.That(
                WebhookSignature.Verify(secret, requests[^1].Signature, requests[^1].Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                Is.True
            );
            Assert.That(
                WebhookSignature.Verify(
                    "whsec_wrong",
                    requests[^1].Signature,
                    requests[^1].Body,
                    DateTimeOffset.UtcNow,
                    TimeSpan.FromMinutes(5)
                ),
                Is.False
            );
            Assert.That(body.GetProperty("event").GetString(), Is.EqualTo("task.created"));
            Assert.That(body.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
            Assert.That(body.GetProperty("data").GetProperty("taskId").GetGuid(), Is.EqualTo(taskId));
            Assert.That(body.GetProperty("data").GetProperty("title").GetString(), Is.EqualTo("Ship it"));
            Assert.That(delivery.GetProperty("attempts").GetInt32(), Is.EqualTo(4));
            var log = delivery.GetProperty("attemptLog").EnumerateArray().ToArray();
            Assert.That(log.Select(a => a.GetProperty("statusCode").GetInt32()), Is.EqualTo(new[] { 500, 500, 500, 200 }));
            Assert.That(log[0].GetProperty("responseBody").GetString(), Is.EqualTo("try again later"));
            Assert.That(delivery.GetProperty("deliveredAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        });
    }

    [Test]
    public async Task A_receiver_that_never_recovers_ends_in_the_dead_letter_list_after_every_retry()
    {
        await using var receiver = await WebhookReceiver.AlwaysFailingAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "project.created");

        await owner.CreateProjectAsync(workspaceId);
        var dead = await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "dead"), d => d.Length == 1, Patience);
        await Task.Delay(500); // nothing more may arrive once dead

        Assert.Multiple(() =>
        {
            Assert.That(dead, Has.Length.EqualTo(1));
            Assert.That(dead[0].GetProperty("attempts").GetInt32(), Is.EqualTo(5), "the first try and one per configured delay (4)");
            Assert.That(dead[0].GetProperty("nextAttemptAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(
                dead[0].GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()),
                Is.All.EqualTo(503)
            );
            Assert.That(receiver.Received, Has.Count.EqualTo(5));
        });
    }

    [Test]
    public async Task A_hanging_receiver_does_not_delay_another_webhooks_delivery()
    {
        await using var hanging = await WebhookReceiver.HangingAsync();
        await using var healthy = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        await RegisterAsync(owner, workspaceId, hanging.Url, "project.created");
        await RegisterAsync(owner, workspaceId, healthy.Url, "project.created");

        await owner.CreateProjectAsync(workspaceId, "first");
        await owner.CreateProjectAsync(workspaceId, "second");
        var started = DateTimeOffset.UtcNow;
        await ApiClient.EventuallyAsync(() => Task.FromResult(healthy.Received.Count), n => n == 2, TimeSpan.FromSeconds(8));

        Assert.Multiple(() =>
        {
            Assert.That(healthy.Received, Has.Count.EqualTo(2), "both events arrived while the other receiver hung (timeout 10 s)");
            Assert.That(hanging.Received, Is.Not.Empty, "the hanging receiver was being tried at the same time");
            Assert.That(DateTimeOffset.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(8)));
        });
    }

    [Test]
    public async Task The_connect_step_refuses_private_addresses_when_the_switch_is_off_even_for_names()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var port = new Uri(receiver.Url).Port;
        using var client = new HttpClient(WebhookTargets.Handler(new WebhookSettings(EmptyConfig()) { AllowPrivateTargets = false }));

        var byAddress = Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(receiver.Url, new StringContent("{}")));
        var byName = Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync($"http://localhost:{port}/hook", new StringContent("{}"))
        );

        Assert.Multiple(() =>
        {
            Assert.That(byAddress!.InnerException, Is.TypeOf<WebhookTargetRefusedException>());
            Assert.That(
                byName!.InnerException,
                Is.TypeOf<WebhookTargetRefusedException>(),
                "a name resolving to loopback is judged by its address"
            );
            Assert.That(receiver.Received, Is.Empty);
        });
    }

    [Test]
    public async Task The_connect_step_lets_private_addresses_through_when_allowed()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        using var client = new HttpClient(WebhookTargets.Handler(new WebhookSettings(EmptyConfig()) { AllowPrivateTargets = true }));

        using var response = await client.PostAsync(receiver.Url, new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Retries_back_off_with_jitter_over_about_a_day_then_the_delivery_is_dead()
    {
        var delays = WebhookSettings.DefaultRetryDelaysSeconds;
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var first = DeliverWebhookDecision.Next(false, 1, 0, delays, 0.2, 0.5, now);
        var low = DeliverWebhookDecision.Next(false, 1, 0, delays, 0.2, 0.0, now);
        var high = DeliverWebhookDecision.Next(false, 1, 0, delays, 0.2, 1.0, now);
        var last = DeliverWebhookDecision.Next(false, delays.Length, 0, delays, 0.2, 0.5, now);
        var dead = DeliverWebhookDecision.Next(false, delays.Length + 1, 0, delays, 0.2, 0.5, now);
        var afterRedeliver = DeliverWebhookDecision.Next(false, delays.Length + 2, delays.Length + 1, delays, 0.2, 0.5, now);

        Assert.Multiple(() =>
        {
            Assert.That(delays.Sum(), Is.InRange(22 * 3600, 26 * 3600));
            Assert.That(delays, Is.Ordered);
            Assert.That(first, Is.EqualTo(("pending", (DateTime?)now.AddSeconds(10))));
            Assert.That(low.NextAttemptAt, Is.EqualTo(now.AddSeconds(8)));
            Assert.That(high.NextAttemptAt, Is.EqualTo(now.AddSeconds(12)));
            Assert.That(last.NextAttemptAt, Is.EqualTo(now.AddSeconds(delays[^1])));
            Assert.That(dead, Is.EqualTo(("dead", (DateTime?)null)));
            Assert.That(afterRedeliver, Is.EqualTo(("pending", (DateTime?)now.AddSeconds(10))), "a redelivery starts a fresh cycle");
            Assert.That(DeliverWebhookDecision.Next(true, 3, 0, delays, 0.2, 0.5, now), Is.EqualTo(("delivered", (DateTime?)null)));
        });
    }

    private static Microsoft.Extensions.Configuration.IConfiguration EmptyConfig() =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
}
