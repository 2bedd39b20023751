using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.ListDeliveries;

public class ListDeliveriesTests
{
    [Test]
    public async Task Lists_newest_first_filtered_by_status_a_page_at_a_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 0 ? 200 : 410);
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, receiver.Url, "*");

        var first = await owner.PostAsync($"webhooks/{webhookId}/ping", null, HttpStatusCode.Accepted);
        await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "delivered"), d => d.Length == 1);
        var second = await owner.PostAsync($"webhooks/{webhookId}/ping", null, HttpStatusCode.Accepted);
        await ApiClient.EventuallyAsync(() => DeliveriesAsync(owner, webhookId, "dead"), d => d.Length == 1, TimeSpan.FromSeconds(30));

        var all = await DeliveriesAsync(owner, webhookId);
        var page = await owner.GetAsync($"webhooks/{webhookId}/deliveries?limit=1");
        var next = await owner.GetAsync($"webhooks/{webhookId}/deliveries?limit=1&after={page.GetProperty("nextCursor").GetString()}");

        Assert.Multiple(async () =>
        {
            Assert.That(
                all.Select(d => d.GetProperty("id").GetString()),
                Is.EqualTo(new[] { second.GetProperty("id").GetString(), first.GetProperty("id").GetString() })
            );
            Assert.That(
                (await DeliveriesAsync(owner, webhookId, "dead")).Single().GetProperty("id").GetString(),
                Is.EqualTo(second.GetProperty("id").GetString())
            );
            Assert.That(
                (await DeliveriesAsync(owner, webhookId, "delivered")).Single().GetProperty("id").GetString(),
                Is.EqualTo(first.GetProperty("id").GetString())
            );
            Assert.That(page.GetProperty("items")[0].GetProperty("id").GetString(), Is.EqualTo(second.GetProperty("id").GetString()));
            Assert.That(next.GetProperty("items")[0].GetProperty("id").GetString(), Is.EqualTo(first.GetProperty("id").GetString()));
            Assert.That(
                all[0].GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("number").GetInt32()),
                Is.EqualTo(new[] { 1, 2, 3, 4, 5 })
            );
        });
    }

    [Test]
    public async Task An_unknown_status_is_400_and_members_get_403()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook");
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId, "admin");
        var viewer = await ApiClient.SignUpAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");

        await (await owner.SendRawAsync(HttpMethod.Get, $"webhooks/{webhookId}/deliveries?status=lost")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "status"
        );
        await (await viewer.SendRawAsync(HttpMethod.Get, $"webhooks/{webhookId}/deliveries")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await DeliveriesAsync(member, webhookId)), Is.Empty, "admins may look");
    }
}
