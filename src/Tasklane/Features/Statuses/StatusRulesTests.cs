using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses;

/// <summary>WIP limits, as every way into a column (create, move, bulk) applies them, and moves between statuses.</summary>
public class StatusRulesTests
{
    [Test]
    public async Task A_full_column_refuses_creates_moves_and_bulk_moves_unless_an_admin_overrides()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var review = await CreateStatusAsync(owner, projectId, "Review", wipLimit: 1);
        await member.CreateTaskAsync(projectId, new { title = "Fills it", statusId = review });
        var waiting = (await member.CreateTaskAsync(projectId, new { title = "Waiting" })).GetProperty("id").GetGuid();

        var create = await member.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "No room", statusId = review });
        var move = await member.Http.PostAsJsonAsync($"tasks/{waiting}/move", new { statusId = review });
        var bulk = await member.Http.PostAsJsonAsync(
            $"projects/{projectId}/tasks/bulk",
            new { taskIds = new[] { waiting }, statusId = review }
        );
        var memberOverride = await member.Http.PostAsJsonAsync($"tasks/{waiting}/move", new { statusId = review, overrideWipLimit = true });
        var ownerOverride = await owner.PostAsync(
            $"tasks/{waiting}/move",
            new { statusId = review, overrideWipLimit = true },
            HttpStatusCode.OK
        );

        await create.AssertProblemAsync(HttpStatusCode.Conflict);
        await move.AssertProblemAsync(HttpStatusCode.Conflict);
        await bulk.AssertProblemAsync(HttpStatusCode.Conflict);
        await memberOverride.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Multiple(() =>
        {
            Assert.That(ownerOverride.GetProperty("statusId").GetGuid(), Is.EqualTo(review));
            Assert.That(ownerOverride.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        });
    }

    [Test]
    public async Task Concurrent_moves_into_the_last_place_of_a_column_admit_exactly_one()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review", wipLimit: 1);
        var tasks = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            tasks.Add((await client.CreateTaskAsync(projectId, new { title = $"Task {i}" })).GetProperty("id").GetGuid());
        }

        var hosts = TwoHosts.Alternating();
        var answers = await Task.WhenAll(
            tasks.Select(
                async (id, i) =>
                    (
                        await (i % 2 == 0 ? client.Http : client.Via(hosts).Http).PostAsJsonAsync(
                            $"tasks/{id}/move",
                            new { statusId = review }
                        )
                    ).StatusCode
            )
        );
        var inColumn = await client.GetAsync($"projects/{projectId}/tasks?statusId={review}");

        Assert.Multiple(() =>
        {
            Assert.That(answers.Count(a => a == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(answers.Count(a => a == HttpStatusCode.Conflict), Is.EqualTo(5));
            Assert.That(inColumn.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_task_moves_between_two_statuses_of_one_category_and_keeps_the_category()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review");
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Flows", status = "in_progress" })).GetProperty("id").GetGuid();

        var moved = await client.PostAsync($"tasks/{taskId}/move", new { statusId = review }, HttpStatusCode.OK);
        var task = await client.GetAsync($"tasks/{taskId}");
        var mismatched = await client.Http.PostAsJsonAsync($"tasks/{taskId}/move", new { statusId = review, status = "done" });
        var foreign = await client.Http.PostAsJsonAsync($"tasks/{taskId}/move", new { statusId = Guid.CreateVersion7() });

        Assert.Multiple(() =>
        {
            Assert.That(moved.GetProperty("statusId").GetGuid(), Is.EqualTo(review));
            Assert.That(task.GetProperty("statusId").GetGuid(), Is.EqualTo(review));
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        });
        await mismatched.AssertProblemAsync(HttpStatusCode.BadRequest, "status");
        await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, "statusId");
    }

    [Test]
    public async Task A_category_change_through_patch_takes_the_first_status_of_that_category()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var done = await StatusIdAsync(client, projectId, "Done");
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Finish" })).GetProperty("id").GetGuid();

        var patched = await client.PatchAsync($"tasks/{taskId}", new { status = "done" });

        Assert.That(patched.GetProperty("statusId").GetGuid(), Is.EqualTo(done));
    }
}
