using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.UpdateTask;

public class UpdateTaskTests
{
    private static async Task<(ApiClient Client, Guid TaskId)> TaskAsync()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await client.CreateTaskAsync(projectId, new { title = "Draft", dueAt = "2030-01-01T00:00:00Z" });
        return (client, task.GetProperty("id").GetGuid());
    }

    [Test]
    public async Task Changes_only_the_fields_sent_and_bumps_the_version()
    {
        var (client, taskId) = await TaskAsync();

        var response = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"status":"done","dueAt":null}""");
        var task = await client.GetAsync($"tasks/{taskId}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(task.GetProperty("dueAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Draft"));
            Assert.That(task.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var (client, taskId) = await TaskAsync();
        await client.PatchAsync($"tasks/{taskId}", new { title = "Second" });

        var stale = await client.SendRawAsync(
            HttpMethod.Patch,
            $"tasks/{taskId}",
            """{"title":"Lost update"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var current = await client.SendRawAsync(
            HttpMethod.Patch,
            $"tasks/{taskId}",
            """{"title":"Third"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\"")
        );

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var task = await client.GetAsync($"tasks/{taskId}");
        Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Third"));
    }

    [Test]
    public async Task Sets_assignees_labels_start_estimate_and_parent_and_records_the_changes()
    {
        var (client, taskId) = await TaskAsync();
        var task = await client.GetAsync($"tasks/{taskId}");
        var workspaceId = task.GetProperty("workspaceId").GetGuid();
        var parentId = (await client.CreateTaskAsync(task.GetProperty("projectId").GetGuid())).GetProperty("id").GetGuid();
        var labelId = (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();

        var updated = await client.PatchAsync(
            $"tasks/{taskId}",
            new
            {
                assigneeIds = new[] { client.UserId },
                labelIds = new[] { labelId },
                startAt = "2029-12-31T00:00:00Z",
                estimate = 30,
                parentId,
            }
        );
        var cleared = await client.PatchAsync($"tasks/{taskId}", new { assigneeId = (Guid?)null, labelIds = Array.Empty<Guid>() });
        var activity = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity"),
            a => a.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "task.updated") >= 2
        );

        var changes = activity
            .GetProperty("items")
            .EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "task.updated")
            .Select(e => e.GetProperty("data").GetProperty("changes"))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("assigneeId").GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(updated.GetProperty("labelIds")[0].GetGuid(), Is.EqualTo(labelId));
            Assert.That(updated.GetProperty("estimate").GetInt32(), Is.EqualTo(30));
            Assert.That(updated.GetProperty("parentId").GetGuid(), Is.EqualTo(parentId));
            Assert.That(updated.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(cleared.GetProperty("assigneeIds").GetArrayLength(), Is.Zero);
            Assert.That(cleared.GetProperty("assigneeId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(cleared.GetProperty("labelIds").GetArrayLength(), Is.Zero);
            // newest first: the clearing patch, then the setting one
            Assert.That(changes[0].GetProperty("assigneeIds").GetProperty("from").GetString(), Is.EqualTo(client.UserId.ToString()));
            Assert.That(changes[0].GetProperty("labelIds").GetProperty("to").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(changes[1].GetProperty("labelIds").GetProperty("to").GetString(), Is.EqualTo(labelId.ToString()));
            Assert.That(changes[1].GetProperty("estimate").GetProperty("to").GetString(), Is.EqualTo("30"));
            Assert.That(changes[1].GetProperty("parentId").GetProperty("to").GetString(), Is.EqualTo(parentId.ToString()));
        });
    }

    [Test]
    public async Task A_task_cannot_be_its_own_parent()
    {
        var (client, taskId) = await TaskAsync();

        var self = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", $$"""{"parentId":"{{taskId}}"}""");

        await self.AssertProblemAsync(HttpStatusCode.BadRequest, "parentId");
        Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("parentId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task An_assignee_from_outside_the_workspace_is_400_naming_the_id()
    {
        var (client, taskId) = await TaskAsync();
        var outsider = await ApiClient.SignUpAsync();

        var response = await client.SendRawAsync(
            HttpMethod.Patch,
            $"tasks/{taskId}",
            $$"""{"assigneeIds":["{{client.UserId}}","{{outsider.UserId}}"]}"""
        );

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "assigneeIds");
        Assert.That(problem.GetProperty("errors").GetProperty("assigneeIds")[0].GetString(), Does.Contain(outsider.UserId.ToString()));
        Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("assigneeIds").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task An_unchanged_patch_keeps_the_version()
    {
        var (client, taskId) = await TaskAsync();

        var task = await client.PatchAsync($"tasks/{taskId}", new { title = "Draft" });

        Assert.That(task.GetProperty("version").GetInt32(), Is.EqualTo(1));
    }

    [TestCase("""{"status":"blocked"}""", "status")]
    [TestCase("""{"title":null}""", "title")]
    [TestCase("""{"title":""}""", "title")]
    [TestCase("""{"priority":7}""", "priority")]
    [TestCase("""{"dueAt":"soon"}""", "dueAt")]
    [TestCase("""{"assigneeId":123}""", "assigneeId")]
    [TestCase("""{"colour":"red"}""", "colour")]
    [TestCase("""{"assigneeIds":"me"}""", "assigneeIds")]
    [TestCase("""{"assigneeIds":["nope"]}""", "assigneeIds")]
    [TestCase("""{"assigneeId":null,"assigneeIds":[]}""", "assigneeId")]
    [TestCase("""{"labelIds":[1]}""", "labelIds")]
    [TestCase("""{"estimate":-5}""", "estimate")]
    [TestCase("""{"estimate":"1h"}""", "estimate")]
    [TestCase("""{"startAt":"2031-01-01T00:00:00Z"}""", "startAt")]
    [TestCase("""{"parentId":"01a20e48-9421-7319-a687-0cd3e08195a5"}""", "parentId")]
    [TestCase("""[1,2]""", "body")]
    [TestCase("""null""", "body")]
    public async Task Invalid_patches_name_the_field(string body, string field)
    {
        var (client, taskId) = await TaskAsync();

        var response = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>A status or priority the API does not know lists the values; one that is no string says so.</summary>
    [TestCase(
        """{"status":"blocked","priority":"meh","title":""}""",
        "Must be one of: todo, in_progress, done.",
        "Must be one of: low, normal, high, urgent."
    )]
    [TestCase(
        """{"status":"Done","priority":"","title":""}""",
        "Must be one of: todo, in_progress, done.",
        "Must be one of: low, normal, high, urgent."
    )]
    [TestCase("""{"status":null,"priority":7,"title":""}""", "Must be a string.", "Must be a string.")]
    [TestCase("""{"status":["todo"],"priority":{"low":1},"title":""}""", "Must be a string.", "Must be a string.")]
    public async Task An_unknown_status_or_priority_lists_the_values(string body, string status, string priority)
    {
        var (client, taskId) = await TaskAsync();

        var problem = await (await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", body)).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "status"
        );

        Assert.Multiple(() =>
        {
            Assert.That(problem.ErrorsOf("status"), Is.EqualTo(new[] { status }));
            Assert.That(problem.ErrorsOf("priority"), Is.EqualTo(new[] { priority }));
            Assert.That(problem.ErrorsOf("title"), Is.EqualTo(new[] { "Required." }), "every field's error at once");
        });
    }

    // Valid JSON that is not valid text: lone and reversed UTF-16 surrogate escapes, in a value, an array item and a name.
    [TestCase("""{"title":"a\ud800b"}""", "title")]
    [TestCase("""{"description":"\udc00"}""", "description")]
    [TestCase("""{"status":"\udc00\ud800"}""", "status")]
    [TestCase("""{"dueAt":"\ud800\u0041"}""", "dueAt")]
    [TestCase("""{"assigneeIds":["\ud800"]}""", "assigneeIds")]
    [TestCase("""{"parentId":"\udc00"}""", "parentId")]
    [TestCase("""{"ti\ud800tle":"x","title":"y"}""", "body")]
    public async Task Invalid_unicode_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var (client, taskId) = await TaskAsync();

        var response = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("version").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Invalid_utf8_is_400_on_the_body()
    {
        var (client, taskId) = await TaskAsync();
        var content = new ByteArrayContent([.. "{\"title\":\""u8, 0xC3, 0x28, 0xED, 0xA0, 0x80, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");

        var response = await client.Http.PatchAsync($"tasks/{taskId}", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Test]
    public async Task A_malformed_if_match_is_400()
    {
        var (client, taskId) = await TaskAsync();

        var response = await client.SendRawAsync(
            HttpMethod.Patch,
            $"tasks/{taskId}",
            """{"title":"x"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "yesterday")
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "If-Match");
    }

    [Test]
    public async Task Another_users_task_is_not_found_and_unchanged()
    {
        var (owner, taskId) = await TaskAsync();
        var stranger = await ApiClient.SignUpAsync();

        var response = await stranger.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"pwned"}""");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await owner.GetAsync($"tasks/{taskId}")).GetProperty("title").GetString(), Is.EqualTo("Draft"));
    }

    [Test]
    public void The_decision_records_before_and_after_of_each_changed_field()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var current = new TaskResponse(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            "Old",
            null,
            StatusCategory.Todo,
            TaskPriority.Normal,
            null,
            null,
            1024,
            4,
            Guid.NewGuid(),
            now,
            now
        );
        var patch = JsonSerializer.Deserialize<UpdateTaskRequest>(
            """{"title":"New","status":"todo","priority":"high"}""",
            JsonSerializerOptions.Web
        )!;
        var errors = patch.Validate();

        var (task, changed) = UpdateTaskDecision.Decide(current, patch, [], Guid.NewGuid(), now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(errors.Any, Is.False);
            Assert.That(task.Version, Is.EqualTo(5));
            Assert.That(task.UpdatedAt, Is.EqualTo(now.AddHours(1)));
            Assert.That(
                changed!.Changes,
                Is.EqualTo(new TaskChanges { Title = new("Old", "New"), Priority = new(TaskPriority.Normal, TaskPriority.High) })
            );
            Assert.That(changed.Version, Is.EqualTo(5));
        });
    }
}
