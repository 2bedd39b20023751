using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Features.Notifications;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// A write's response is what the next read of the resource returns, field by field: times come from one clock at the
/// precision Postgres keeps (DbTime), so a client may keep the response instead of reading the resource again.
/// Fields only one side has (a secret shown once, an upload URL) are not compared; every field both have is.
/// </summary>
public class WriteThenReadTests
{
    [Test]
    public async Task Workspace_project_and_task_writes_answer_what_a_read_returns()
    {
        var owner = await ApiClient.SignUpAsync();

        var workspace = await owner.PostAsync("workspaces", new { name = "Round trip" });
        var workspaceId = Id(workspace);
        AssertSame("created workspace", workspace, Item(await owner.GetAsync("workspaces"), workspaceId));

        var project = await owner.PostAsync($"workspaces/{workspaceId}/projects", new { name = "Round trip", description = "Both ways" });
        var projectId = Id(project);
        AssertSame("created project", project, await owner.GetAsync($"projects/{projectId}"));
        AssertSame(
            "renamed project",
            await owner.PatchAsync($"projects/{projectId}", new { name = "Renamed" }),
            await owner.GetAsync($"projects/{projectId}")
        );

        var task = await owner.CreateTaskAsync(
            projectId,
            new
            {
                title = "Round trip",
                dueAt = "2031-02-03T04:05:06.1234567Z",
                startAt = "2031-01-02T03:04:05.9Z",
            }
        );
        var taskId = Id(task);
        AssertSame("created task", task, await owner.GetAsync($"tasks/{taskId}"));
        AssertSame(
            "updated task",
            await owner.PatchAsync($"tasks/{taskId}", new { title = "Updated", priority = "high" }),
            await owner.GetAsync($"tasks/{taskId}")
        );
        AssertSame(
            "moved task",
            await owner.PostAsync($"tasks/{taskId}/move", new { status = "done" }, HttpStatusCode.OK),
            await owner.GetAsync($"tasks/{taskId}")
        );

        var comment = await owner.PostAsync($"tasks/{taskId}/comments", new { body = "First" });
        AssertSame("added comment", comment, Item(await owner.GetAsync($"tasks/{taskId}/comments"), Id(comment)));
        AssertSame(
            "edited comment",
            await owner.PatchAsync($"comments/{Id(comment)}", new { body = "Edited" }),
            Item(await owner.GetAsync($"tasks/{taskId}/comments"), Id(comment))
        );

        var upload = await AttachmentTestKit.StartAsync(owner, taskId, 3);
        await AttachmentTestKit.PutAsync(upload, [1, 2, 3]);
        var attachment = await owner.PostAsync($"attachments/{Id(upload, "attachmentId")}/complete", null, HttpStatusCode.OK);
        AssertSame("completed attachment", attachment, Item(await owner.GetAsync($"tasks/{taskId}/attachments"), Id(attachment)));

        AssertSame(
            "archived project",
            await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK),
            await owner.GetAsync($"projects/{projectId}")
        );
        AssertSame(
            "unarchived project",
            await owner.PostAsync($"projects/{projectId}/unarchive", null, HttpStatusCode.OK),
            await owner.GetAsync($"projects/{projectId}")
        );

        // The job's own fields move on as the worker runs it; what the request created does not.
        var export = await owner.PostAsync($"projects/{projectId}/exports", new { format = "json" }, HttpStatusCode.Accepted);
        AssertSame(
            "created export",
            export,
            await owner.GetAsync($"exports/{Id(export)}"),
            "status",
            "progress",
            "size",
            "taskCount",
            "error",
            "startedAt",
            "finishedAt",
            "expiresAt",
            "downloadUrl"
        );
    }

    [Test]
    public async Task Workspace_settings_writes_answer_what_a_read_returns()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var label = await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff00aa" });
        AssertSame("created label", label, await owner.GetAsync($"labels/{Id(label)}"));
        AssertSame(
            "updated label",
            await owner.PatchAsync($"labels/{Id(label)}", new { name = "Defect" }),
            await owner.GetAsync($"labels/{Id(label)}")
        );

        var webhook = await owner.PostAsync(
            $"workspaces/{workspaceId}/webhooks",
            new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } }
        );
        AssertSame("created webhook", webhook, await owner.GetAsync($"webhooks/{Id(webhook)}"));
        AssertSame(
            "updated webhook",
            await owner.PatchAsync($"webhooks/{Id(webhook)}", new { enabled = false }),
            await owner.GetAsync($"webhooks/{Id(webhook)}")
        );

        var invitation = await owner.PostAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = $"guest-{Guid.NewGuid():N}@example.com", role = "member" }
        );
        AssertSame(
            "created invitation",
            invitation,
            Item(await owner.GetAsync($"workspaces/{workspaceId}/invitations"), Id(invitation, "invitationId"), "invitationId")
        );

        await owner.AddMemberAsync(workspaceId, member);
        var changed = await owner.PatchAsync($"workspaces/{workspaceId}/members/{member.UserId}", new { role = "admin" });
        AssertSame("changed member", changed, Item(await owner.GetAsync($"workspaces/{workspaceId}/members"), member.UserId, "userId"));

        var token = await owner.PostAsync("me/tokens", new { name = "Script", expiresAt = "2031-02-03T04:05:06.1234567Z" });
        AssertSame("created token", token, Item(await owner.GetAsync("me/tokens"), Id(token)));
    }

    [Test]
    public async Task Marking_a_notification_read_answers_what_a_read_returns()
    {
        var (owner, member, _, projectId) = await NotificationTestKit.TeamAsync();
        var taskId = Id(await owner.CreateTaskAsync(projectId, new { title = "Yours", assigneeIds = new[] { member.UserId } }));
        var notification = (await NotificationTestKit.EventuallyOfKindAsync(member, "assignment", 1, taskId)).Single();

        var read = await member.PostAsync($"me/notifications/{Id(notification)}/read", null, HttpStatusCode.OK);

        AssertSame("read notification", read, Item(await member.GetAsync("me/notifications"), Id(notification)));
    }

    [TestCase(
        """{"id":1,"createdAt":"2031-01-01T00:00:00.123456Z","token":"shown once"}""",
        """{"id":1,"createdAt":"2031-01-01T00:00:00.123456Z","lastUsedAt":null}""",
        ExpectedResult = true
    )]
    [TestCase(
        """{"id":1,"createdAt":"2031-01-01T00:00:00.1234567Z"}""",
        """{"id":1,"createdAt":"2031-01-01T00:00:00.123456Z"}""",
        ExpectedResult = false
    )]
    [TestCase("""{"id":1,"labelIds":["a","b"]}""", """{"id":1,"labelIds":["b","a"]}""", ExpectedResult = false)]
    public bool The_comparison_tells_a_difference_in_any_shared_field(string write, string read) =>
        Differences(JsonNode.Parse(write)!.AsObject(), JsonNode.Parse(read)!.AsObject(), []).Count == 0;

    private static void AssertSame(string what, JsonElement write, JsonElement read, params string[] ignored)
    {
        var written = JsonNode.Parse(write.GetRawText())!.AsObject();
        var stored = JsonNode.Parse(read.GetRawText())!.AsObject();
        var shared = written.Select(p => p.Key).Intersect(stored.Select(p => p.Key)).Except(ignored).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(shared, Has.Count.GreaterThanOrEqualTo(3), $"{what}: the response and the read share fields");
            Assert.That(
                Differences(written, stored, ignored),
                Is.Empty,
                $"{what}: the response differs from the next read\n{write}\n{read}"
            );
        });
    }

    private static List<string> Differences(JsonObject written, JsonObject stored, string[] ignored) =>
        (
            from p in written
            where !ignored.Contains(p.Key) && stored.ContainsKey(p.Key) && !JsonNode.DeepEquals(p.Value, stored[p.Key])
            select $"{p.Key}: {p.Value?.ToJsonString() ?? "null"} was answered, {stored[p.Key]?.ToJsonString() ?? "null"} is read"
        ).ToList();

    private static Guid Id(JsonElement resource, string property = "id") => resource.GetProperty(property).GetGuid();

    private static JsonElement Item(JsonElement page, Guid id, string property = "id")
    {
        var items = page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items");
        return items.EnumerateArray().Single(i => i.GetProperty(property).GetGuid() == id);
    }
}
