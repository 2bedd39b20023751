using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.ListWebhooks;

public class ListWebhooksTests
{
    [Test]
    public async Task Lists_the_workspaces_webhooks_oldest_first_a_page_at_a_time()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (first, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/a", "task.created");
        var (second, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/b", "task.created");
        var (otherOwner, other) = await WorkspaceAsync();
        await RegisterAsync(otherOwner, other, "http://127.0.0.1:9/c", "task.created");

        var page = await owner.GetAsync($"workspaces/{workspaceId}/webhooks?limit=1");
        var next = await owner.GetAsync($"workspaces/{workspaceId}/webhooks?limit=1&after={page.GetProperty("nextCursor").GetString()}");

        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(first));
            Assert.That(next.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(second));
            Assert.That(next.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Viewers_get_403_and_strangers_404()
    {
        var (_, workspaceId) = await WorkspaceAsync();
        var viewer = await ApiClient.SignUpAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var stranger = await ApiClient.SignUpAsync();

        await (await viewer.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/webhooks")).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        await (await stranger.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/webhooks")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
    }
}
