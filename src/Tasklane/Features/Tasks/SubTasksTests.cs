using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks;

public class SubTasksTests
{
    [Test]
    public async Task A_parent_shows_its_sub_tasks_progress_fresh_on_the_other_host_through_every_kind_of_write()
    {
        var onA = await ApiClient.SignUpAsync();
        var onB = onA.Via(TestEnvironment.HostB.CreateClient());
        var (_, projectId) = await onA.CreateProjectInNewWorkspaceAsync();
        var parentId = (await onA.CreateTaskAsync(projectId, new { title = "Parent" })).GetProperty("id").GetGuid();
        var steps = new List<(string Step, int Count, int Done)>();

        async Task ReadAsync(string step)
        {
            // Host B reads (and caches) the parent after each write on host A.
            var parent = await onB.GetAsync($"tasks/{parentId}");
            steps.Add((step, parent.GetProperty("subTaskCount").GetInt32(), parent.GetProperty("doneSubTaskCount").GetInt32()));
        }

        await ReadAsync("none");
        var first = (await onA.CreateTaskAsync(projectId, new { title = "First", parentId })).GetProperty("id").GetGuid();
        var second = (await onA.CreateTaskAsync(projectId, new { title = "Second", parentId })).GetProperty("id").GetGuid();
        await ReadAsync("two created");
        await onA.PatchAsync($"tasks/{first}", new { status = "done" });
        await ReadAsync("first done (PATCH)");
        await onA.PostAsync($"tasks/{second}/move", new { status = "done" }, HttpStatusCode.OK);
        await ReadAsync("second done (move)");
        await onA.PostAsync($"projects/{projectId}/tasks/bulk", new { taskIds = new[] { first }, status = "todo" }, HttpStatusCode.OK);
        await ReadAsync("first reopened (bulk)");
        (await onA.SendRawAsync(HttpMethod.Delete, $"tasks/{second}")).EnsureSuccessStatusCode();
        await ReadAsync("second deleted");
        await onA.PostAsync($"tasks/{second}/restore", null, HttpStatusCode.OK);
        await ReadAsync("second restored");
        await onA.PatchAsync($"tasks/{first}", new { parentId = (Guid?)null });
        await ReadAsync("first made top-level");

        Assert.That(
            steps,
            Is.EqualTo(
                new[]
                {
                    ("none", 0, 0),
                    ("two created", 2, 0),
                    ("first done (PATCH)", 2, 1),
                    ("second done (move)", 2, 2),
                    ("first reopened (bulk)", 2, 1),
                    ("second deleted", 1, 0),
                    ("second restored", 2, 1),
                    ("first made top-level", 1, 1),
                }
            )
        );
        var listed = (await onA.GetAsync($"projects/{projectId}/tasks"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(t => t.GetProperty("id").GetGuid() == parentId);
        Assert.That(listed.GetProperty("subTaskCount").GetInt32(), Is.EqualTo(1), "lists show it too");
    }

    [Test]
    public async Task Sub_tasks_nest_to_the_configured_depth_and_never_under_themselves()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        // A chain as deep as the default allows: levels 1 to 5 below a top-level task.
        var chain = new List<Guid> { (await client.CreateTaskAsync(projectId, new { title = "Level 0" })).GetProperty("id").GetGuid() };
        for (var level = 1; level <= 5; level++)
        {
            chain.Add(
                (await client.CreateTaskAsync(projectId, new { title = $"Level {level}", parentId = chain[^1] }))
                    .GetProperty("id")
                    .GetGuid()
            );
        }

        using var tooDeep = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks",
            JsonSerializer.Serialize(new { title = "Level 6", parentId = chain[^1] })
        );
        using var underItsOwn = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{chain[1]}", $$"""{"parentId":"{{chain[3]}}"}""");
        // A task with two levels below it fits under level 2 (2 + 1 + 2 = 5), not under level 3.
        var branch = (await client.CreateTaskAsync(projectId, new { title = "Branch" })).GetProperty("id").GetGuid();
        var twig = (await client.CreateTaskAsync(projectId, new { title = "Twig", parentId = branch })).GetProperty("id").GetGuid();
        await client.CreateTaskAsync(projectId, new { title = "Leaf", parentId = twig });
        using var branchTooDeep = await client.SendRawAsync(HttpMethod.Patch, $"tasks/{branch}", $$"""{"parentId":"{{chain[3]}}"}""");
        var moved = await client.PatchAsync($"tasks/{branch}", new { parentId = chain[2] });

        await tooDeep.AssertProblemAsync(HttpStatusCode.Conflict);
        await underItsOwn.AssertProblemAsync(HttpStatusCode.Conflict);
        await branchTooDeep.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Multiple(async () =>
        {
            Assert.That(moved.GetProperty("parentId").GetGuid(), Is.EqualTo(chain[2]));
            Assert.That((await client.GetAsync($"tasks/{chain[1]}")).GetProperty("parentId").GetGuid(), Is.EqualTo(chain[0]));
        });
    }

    [Test]
    public async Task Two_tasks_put_under_each_other_at_once_never_make_a_cycle()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        for (var round = 0; round < 5; round++)
        {
            var a = (await client.CreateTaskAsync(projectId, new { title = $"A{round}" })).GetProperty("id").GetGuid();
            var b = (await client.CreateTaskAsync(projectId, new { title = $"B{round}" })).GetProperty("id").GetGuid();

            var answers = await Task.WhenAll(
                client.SendRawAsync(HttpMethod.Patch, $"tasks/{a}", $$"""{"parentId":"{{b}}"}"""),
                client.SendRawAsync(HttpMethod.Patch, $"tasks/{b}", $$"""{"parentId":"{{a}}"}""")
            );

            Assert.That(
                answers.Select(r => r.StatusCode).Order(),
                Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }),
                $"round {round}"
            );
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    [TestCase(0, false, 0, 5, false, TestName = "A sub-task of a top-level task")]
    [TestCase(4, false, 0, 5, false, TestName = "At the deepest level")]
    [TestCase(5, false, 0, 5, true, TestName = "One below the deepest level")]
    [TestCase(2, false, 3, 5, true, TestName = "A task whose own sub-tasks would go too deep")]
    [TestCase(0, true, 0, 5, true, TestName = "Under one of its own sub-tasks")]
    public void A_place_in_the_tree_is_refused_for_a_cycle_or_too_much_depth(int parentDepth, bool cycle, int height, int max, bool refused)
    {
        Assert.That(SubTasks.Decide(new TreePlace(parentDepth, cycle, height), max) is not null, Is.EqualTo(refused));
    }
}
