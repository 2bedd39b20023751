using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.GetWebhook;

public class GetWebhookTests
{
    [Test]
    public async Task Admins_see_a_webhook_without_its_secret_members_get_403_strangers_404()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook", "comment.added");
        var admin = await ApiClient.SignUpAsync();
        await admin.JoinWorkspaceAsync(workspaceId, "admin");
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var stranger = await ApiClient.SignUpAsync();

        var response = await admin.SendRawAsync(HttpMethod.Get, $"webhooks/{webhookId}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(text, Does.Contain("comment.added").And.Not.Contain("whsec_").And.Not.Contain("secret"));
        });
        await (await member.SendRawAsync(HttpMethod.Get, $"webhooks/{webhookId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.SendRawAsync(HttpMethod.Get, $"webhooks/{webhookId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
