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

        var stale = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"Lost update"}""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        var current = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"Third"}""", r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\""));

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var task = await client.GetAsync($"tasks/{taskId}");
        Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Third"));
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
    [TestCase("""[1,2]""", "body")]
    [TestCase("""null""", "body")]
    public async Task Invalid_patches_name_the_field(string body, string field)
    {
        var (client, taskId) = await TaskAsync();

        var response = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_malformed_if_match_is_400()
    {
        var (client, taskId) = await TaskAsync();

        var response = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"x"}""", r => r.Headers.TryAddWithoutValidation("If-Match", "yesterday"));

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
    public void The_handler_records_before_and_after_of_each_changed_field()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var current = new TaskResponse(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Old", null, "todo", "normal", null, null, 1024, 4, Guid.NewGuid(), now, now);
        var patch = TaskPatch.Parse(JsonDocument.Parse("""{"title":"New","status":"todo","priority":"high"}""").RootElement, out var errors);

        var (task, changed) = UpdateTaskHandler.Handle(current, patch, Guid.NewGuid(), now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(errors.Any, Is.False);
            Assert.That(task.Version, Is.EqualTo(5));
            Assert.That(task.UpdatedAt, Is.EqualTo(now.AddHours(1)));
            Assert.That(changed!.Changes.Keys, Is.EquivalentTo(new[] { "title", "priority" }));
            Assert.That(changed.Changes["title"], Is.EqualTo(new FieldChange("Old", "New")));
            Assert.That(changed.Version, Is.EqualTo(5));
        });
    }
}
