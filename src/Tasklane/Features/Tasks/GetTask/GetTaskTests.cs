using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.GetTask;

public class GetTaskTests
{
    [Test]
    public async Task Returns_the_task_with_its_etag_and_304_when_unchanged()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await client.Http.GetAsync($"tasks/{taskId}");
        var notModified = await client.SendRawAsync(
            HttpMethod.Get,
            $"tasks/{taskId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"")
        );

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
    }

    [Test]
    public async Task Another_users_task_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await stranger.Http.GetAsync($"tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Http.GetAsync($"tasks/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>With the cache off the task and the caller's membership come from one joined query: same answers.</summary>
    [Test]
    public async Task Without_the_cache_a_member_reads_the_task_and_a_stranger_or_a_deleted_project_gets_404()
    {
        await using var uncached = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?> { ["Cache:Enabled"] = "false" }
        );
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = (await ApiClient.SignUpAsync()).Via(uncached.CreateClient());
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Uncached" })).GetProperty("id").GetGuid();
        var viewerOnUncached = viewer.Via(uncached.CreateClient());

        var read = await viewerOnUncached.GetAsync($"tasks/{taskId}");
        using var strangers = await stranger.Http.GetAsync($"tasks/{taskId}");
        await owner.SendRawAsync(HttpMethod.Delete, $"projects/{projectId}");
        using var deleted = await viewerOnUncached.Http.GetAsync($"tasks/{taskId}");

        Assert.That(read.GetProperty("title").GetString(), Is.EqualTo("Uncached"));
        await strangers.AssertProblemAsync(HttpStatusCode.NotFound);
        await deleted.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The cached task is shared by every caller, so what fills it must not depend on the caller. It did: a member
    /// removed between the (cached) access check and the fill stored "not found" for the task, and its owner got 404
    /// (found by ConcurrentDeleteTests racing a member's removal).
    /// </summary>
    [Test]
    public async Task A_read_by_a_member_removed_a_moment_ago_does_not_hide_the_task_from_others()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        await member.GetAsync($"projects/{projectId}"); // the member's access facts are cached
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Still here" })).GetProperty("id").GetGuid();

        // Removed in the database without the write path's invalidation: as if the removal committed just after the
        // member's access check read the cached facts.
        await using (var db = new Npgsql.NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await Dapper.SqlMapper.ExecuteAsync(
                db,
                "delete from workspace_members where workspace_id = @workspaceId and user_id = @UserId",
                new { workspaceId, member.UserId }
            );
        }

        using var byRemoved = await member.Http.GetAsync($"tasks/{taskId}");
        var byOwner = await owner.GetAsync($"tasks/{taskId}");

        Assert.That(byOwner.GetProperty("title").GetString(), Is.EqualTo("Still here"));
    }

    [TestCase("not-a-uuid")]
    [TestCase("12345")]
    [TestCase("%27%20or%201%3D1--")]
    public async Task A_malformed_id_is_400(string id)
    {
        var client = await ApiClient.SignUpAsync();

        await (await client.Http.GetAsync($"tasks/{id}")).AssertProblemAsync(HttpStatusCode.BadRequest, "taskId");
    }
}
