using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.RestoreProject;

public class RestoreProjectTests
{
    [Test]
    public async Task Restores_a_deleted_project_with_its_tasks_and_archived_state()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        await client.Http.DeleteAsync($"projects/{projectId}");

        var project = await client.PostAsync($"projects/{projectId}/restore", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(project.GetProperty("version").GetInt32(), Is.EqualTo(4));
            Assert.That(project.GetProperty("archived").GetBoolean(), Is.True);
            Assert.That(project.GetProperty("taskCounts").GetProperty("todo").GetInt32(), Is.EqualTo(1));
        });
        await client.GetAsync($"tasks/{taskId}");
    }

    [Test]
    public async Task A_project_that_is_not_deleted_is_409()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        await (await client.Http.PostAsync($"projects/{projectId}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task After_30_days_it_is_409_and_stays_deleted()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.Http.DeleteAsync($"projects/{projectId}");
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync("update projects set deleted_at = now() - interval '31 days' where id = @projectId", new { projectId });
        }

        await (await client.Http.PostAsync($"projects/{projectId}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.Http.GetAsync($"projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Another_users_deleted_project_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.Http.DeleteAsync($"projects/{projectId}");

        await (await stranger.Http.PostAsync($"projects/{projectId}/restore", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync($"projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public void The_window_is_30_days()
    {
        var deletedAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var row = new ProjectRow(Guid.NewGuid(), Guid.NewGuid(), "P", null, 2, null, deletedAt, deletedAt);

        Assert.Multiple(() =>
        {
            Assert.That(RestoreProjectDecision.Decide(row, Guid.NewGuid(), deletedAt.AddDays(30)).Next.DeletedAt, Is.Null);
            Assert.That(
                RestoreProjectDecision.Decide(row, Guid.NewGuid(), deletedAt.AddDays(30).AddSeconds(1)).Refused?.Status,
                Is.EqualTo(409)
            );
        });
    }
}
