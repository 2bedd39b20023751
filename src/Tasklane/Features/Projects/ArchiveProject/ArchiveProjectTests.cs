using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.ArchiveProject;

public class ArchiveProjectTests
{
    [Test]
    public async Task Archives_once_then_409_and_moves_the_project_to_the_archived_list()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.PostAsync($"projects/{projectId}/archive", null);
        var again = await client.Http.PostAsync($"projects/{projectId}/archive", null);
        var project = await client.GetAsync($"projects/{projectId}");
        var active = await client.GetAsync($"workspaces/{workspaceId}/projects");
        var archived = await client.GetAsync($"workspaces/{workspaceId}/projects?archived=true");

        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(project.GetProperty("archived").GetBoolean(), Is.True);
            Assert.That(project.GetProperty("archivedAt").GetDateTime(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(active.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(archived.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(projectId));
        });
    }

    [Test]
    public async Task An_archived_projects_tasks_are_read_only()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);

        await (await client.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/tasks", """{"title":"late"}""")).AssertProblemAsync(
            HttpStatusCode.Conflict
        );
        await (await client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", """{"title":"late"}""")).AssertProblemAsync(
            HttpStatusCode.Conflict
        );
        await (await client.SendRawAsync(HttpMethod.Post, $"tasks/{taskId}/comments", """{"body":"late"}""")).AssertProblemAsync(
            HttpStatusCode.Conflict
        );
        var task = await client.GetAsync($"tasks/{taskId}");
        Assert.That(task.GetProperty("version").GetInt32(), Is.EqualTo(1), "reads still work and nothing changed");
    }

    [Test]
    public async Task A_stale_if_match_is_412()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.PatchAsync($"projects/{projectId}", new { name = "v2" });

        var response = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/archive",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "the version to retry from");
        Assert.That((await client.GetAsync($"projects/{projectId}")).GetProperty("archived").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Another_users_project_is_not_found_and_stays_active()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.PostAsync($"projects/{projectId}/archive", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await owner.GetAsync($"projects/{projectId}")).GetProperty("archived").GetBoolean(), Is.False);
    }

    [Test]
    public void The_decision_refuses_an_archived_or_deleted_project()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var active = new ProjectRow(Guid.NewGuid(), Guid.NewGuid(), "P", null, 1, null, null, now);

        var archived = ArchiveProjectDecision.Decide(active, Guid.NewGuid(), now);

        Assert.Multiple(() =>
        {
            Assert.That(archived.Next.ArchivedAt, Is.EqualTo(now));
            Assert.That(archived.Events.Single(), Is.TypeOf<ProjectArchived>());
            Assert.That(ArchiveProjectDecision.Decide(archived.Next, Guid.NewGuid(), now).Refused?.Status, Is.EqualTo(409));
            Assert.That(
                ArchiveProjectDecision.Decide(active with { DeletedAt = now }, Guid.NewGuid(), now).Refused?.Status,
                Is.EqualTo(404)
            );
        });
    }
}
