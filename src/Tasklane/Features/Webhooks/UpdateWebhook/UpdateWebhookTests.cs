using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Webhooks.WebhookTestKit;

namespace Tasklane.Features.Webhooks.UpdateWebhook;

public class UpdateWebhookTests
{
    [Test]
    public async Task Changes_url_events_and_enabled_with_a_new_version()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook", "task.created");

        var response = await owner.SendRawAsync(
            HttpMethod.Patch,
            $"webhooks/{webhookId}",
            """{"url":"https://hooks.example.com/v2","events":["comment.added","task.moved"],"enabled":false}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var fetched = await owner.GetAsync($"webhooks/{webhookId}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(fetched.GetProperty("url").GetString(), Is.EqualTo("https://hooks.example.com/v2"));
            Assert.That(
                fetched.GetProperty("events").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { "task.moved", "comment.added" })
            );
            Assert.That(fetched.GetProperty("enabled").GetBoolean(), Is.False);
            Assert.That(fetched.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_new_secret_signs_the_next_deliveries_and_is_not_echoed()
    {
        await using var receiver = await WebhookReceiver.HealthyAsync();
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, receiver.Url);

        var updated = await owner.PatchAsync($"webhooks/{webhookId}", new { secret = "rotated-secret-0123456789" });
        await owner.PostAsync($"webhooks/{webhookId}/ping", null, HttpStatusCode.Accepted);
        await ApiClient.EventuallyAsync(() => Task.FromResult(receiver.Received.Count), n => n == 1);

        var request = receiver.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(updated.TryGetProperty("secret", out _), Is.False);
            Assert.That(updated.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(
                WebhookSignature.Verify(
                    "rotated-secret-0123456789",
                    request.Signature,
                    request.Body,
                    DateTimeOffset.UtcNow,
                    TimeSpan.FromMinutes(5)
                ),
                Is.True
            );
        });
    }

    [Test]
    public async Task Stale_if_match_is_412_bad_fields_400_members_403()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var (webhookId, _) = await RegisterAsync(owner, workspaceId, "http://127.0.0.1:9/hook", "task.created");
        await owner.PatchAsync($"webhooks/{webhookId}", new { enabled = false });
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");

        await (
            await owner.SendRawAsync(
                HttpMethod.Patch,
                $"webhooks/{webhookId}",
                """{"enabled":true}""",
                r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
            )
        ).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (
            await owner.SendRawAsync(HttpMethod.Patch, $"webhooks/{webhookId}", """{"events":["nope"],"url":"mailto:a@b.c"}""")
        ).AssertProblemAsync(HttpStatusCode.BadRequest, "events", "url");
        await (await member.SendRawAsync(HttpMethod.Patch, $"webhooks/{webhookId}", """{"enabled":true}""")).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        Assert.That((await owner.GetAsync($"webhooks/{webhookId}")).GetProperty("enabled").GetBoolean(), Is.False);
    }
}
