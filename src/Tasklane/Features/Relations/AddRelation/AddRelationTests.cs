using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Relations.AddRelation;

public class AddRelationTests
{
    private static async Task<Guid> TaskAsync(ApiClient client, Guid projectId, string title) =>
        (await client.CreateTaskAsync(projectId, new { title })).GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> RelateAsync(ApiClient client, Guid taskId, string type, Guid otherId) =>
        client.SendRawAsync(HttpMethod.Post, $"tasks/{taskId}/relations", JsonSerializer.Serialize(new { type, taskId = otherId }));

    [Test]
    public async Task Each_task_sees_the_relation_from_its_side_across_projects_of_the_workspace()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var otherProject = await owner.CreateProjectAsync(workspaceId, "Other");
        var design = await TaskAsync(owner, projectId, "Design");
        var build = await TaskAsync(owner, otherProject, "Build");

        var added = await owner.PostAsync($"tasks/{build}/relations", new { type = "blocked_by", taskId = design });
        var fromDesign = (await owner.GetAsync($"tasks/{design}/relations")).GetProperty("items").EnumerateArray().Single();
        var fromBuild = (await owner.GetAsync($"tasks/{build}/relations")).GetProperty("items").EnumerateArray().Single();

        Assert.Multiple(() =>
        {
            Assert.That(added.GetProperty("type").GetString(), Is.EqualTo("blocked_by"));
            Assert.That(added.GetProperty("taskId").GetGuid(), Is.EqualTo(design));
            Assert.That(added.GetProperty("title").GetString(), Is.EqualTo("Design"));
            Assert.That(fromBuild.GetProperty("id").GetGuid(), Is.EqualTo(added.GetProperty("id").GetGuid()));
            Assert.That(fromBuild.GetProperty("type").GetString(), Is.EqualTo("blocked_by"));
            Assert.That(fromDesign.GetProperty("type").GetString(), Is.EqualTo("blocks"));
            Assert.That(fromDesign.GetProperty("taskId").GetGuid(), Is.EqualTo(build));
            Assert.That(fromDesign.GetProperty("projectId").GetGuid(), Is.EqualTo(otherProject));
            Assert.That(fromDesign.GetProperty("title").GetString(), Is.EqualTo("Build"));
            Assert.That(fromDesign.GetProperty("status").GetString(), Is.EqualTo("todo"));
        });
    }

    [Test]
    public async Task A_relation_that_exists_either_way_round_is_refused_and_relates_to_has_no_direction()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(owner, projectId, "A");
        var b = await TaskAsync(owner, projectId, "B");
        await owner.PostAsync($"tasks/{a}/relations", new { type = "relates_to", taskId = b });
        await owner.PostAsync($"tasks/{a}/relations", new { type = "duplicates", taskId = b });

        var again = await (await RelateAsync(owner, b, "relates_to", a)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await RelateAsync(owner, b, "duplicated_by", a)).AssertProblemAsync(HttpStatusCode.Conflict);
        var fromB = (await owner.GetAsync($"tasks/{b}/relations")).GetProperty("items").EnumerateArray();

        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("detail").GetString(), Is.EqualTo("The two tasks are already related that way."));
            Assert.That(fromB.Select(r => r.GetProperty("type").GetString()), Is.EquivalentTo(new[] { "relates_to", "duplicated_by" }));
        });
    }

    [Test]
    public async Task A_blocks_relation_that_would_close_a_cycle_is_refused_however_long_the_cycle()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(owner, projectId, "A");
        var b = await TaskAsync(owner, projectId, "B");
        var c = await TaskAsync(owner, projectId, "C");
        await owner.PostAsync($"tasks/{a}/relations", new { type = "blocks", taskId = b });
        await owner.PostAsync($"tasks/{c}/relations", new { type = "blocked_by", taskId = b });

        var direct = await (await RelateAsync(owner, b, "blocks", a)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await RelateAsync(owner, c, "blocks", a)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await RelateAsync(owner, a, "blocked_by", c)).AssertProblemAsync(HttpStatusCode.Conflict);
        // Other kinds may point back: only "blocks" must stay acyclic.
        await owner.PostAsync($"tasks/{c}/relations", new { type = "relates_to", taskId = a });
        await owner.PostAsync($"tasks/{c}/relations", new { type = "duplicates", taskId = a });

        Assert.That(direct.GetProperty("detail").GetString(), Does.Contain("cycle"));
    }

    [Test]
    public async Task Two_requests_closing_a_cycle_at_once_are_never_both_accepted()
    {
        var owner = await ApiClient.SignUpAsync();
        var onB = owner.Via(TestEnvironment.HostB.CreateClient());
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        for (var round = 0; round < 8; round++)
        {
            var a = await TaskAsync(owner, projectId, $"A{round}");
            var b = await TaskAsync(owner, projectId, $"B{round}");
            var c = await TaskAsync(owner, projectId, $"C{round}");
            await owner.PostAsync($"tasks/{a}/relations", new { type = "blocks", taskId = b });

            // b → c and c → a together would make a → b → c → a; each alone is fine.
            var answers = await Task.WhenAll(RelateAsync(owner, b, "blocks", c), RelateAsync(onB, c, "blocks", a));

            Assert.That(
                answers.Select(r => r.StatusCode),
                Is.EquivalentTo(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }),
                $"round {round}"
            );
        }
    }

    [Test]
    public async Task A_task_of_another_workspace_reads_as_no_task_and_bad_bodies_get_field_errors()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var (_, ownOtherProject) = await owner.CreateProjectInNewWorkspaceAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, strangerProject) = await stranger.CreateProjectInNewWorkspaceAsync();
        var task = await TaskAsync(owner, projectId, "Mine");
        var inMyOtherWorkspace = await TaskAsync(owner, ownOtherProject, "Mine too, elsewhere");
        var theirs = await TaskAsync(stranger, strangerProject, "Theirs");

        var messages = new List<string[]>();
        foreach (var other in new[] { inMyOtherWorkspace, theirs, Guid.NewGuid() })
        {
            messages.Add(
                (await (await RelateAsync(owner, task, "blocks", other)).AssertProblemAsync(HttpStatusCode.BadRequest, "taskId")).ErrorsOf(
                    "taskId"
                )
            );
        }

        var self = await (await RelateAsync(owner, task, "blocks", task)).AssertProblemAsync(HttpStatusCode.BadRequest, "taskId");
        var type = await (
            await owner.SendRawAsync(HttpMethod.Post, $"tasks/{task}/relations", $$"""{"type":"depends_on","taskId":"{{theirs}}"}""")
        ).AssertProblemAsync(HttpStatusCode.BadRequest, "type");
        await (await owner.SendRawAsync(HttpMethod.Post, $"tasks/{task}/relations", "{}")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "type",
            "taskId"
        );
        await (await RelateAsync(stranger, task, "blocks", theirs)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Multiple(() =>
        {
            Assert.That(messages, Is.All.EqualTo(new[] { "No such task in this task's workspace." }));
            Assert.That(self.ErrorsOf("taskId"), Is.EqualTo(new[] { "A task cannot be related to itself." }));
            Assert.That(
                type.ErrorsOf("type"),
                Is.EqualTo(new[] { "Must be one of: blocks, blocked_by, relates_to, duplicates, duplicated_by." })
            );
        });
    }

    [Test]
    public async Task A_relation_to_a_trashed_task_is_hidden_until_the_task_is_restored()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(owner, projectId, "A");
        var b = await TaskAsync(owner, projectId, "B");
        await owner.PostAsync($"tasks/{a}/relations", new { type = "blocks", taskId = b });

        (await owner.Http.DeleteAsync($"tasks/{b}")).EnsureSuccessStatusCode();
        var whileTrashed = (await owner.GetAsync($"tasks/{a}/relations")).GetProperty("items").GetArrayLength();
        var toTrashed = await (await RelateAsync(owner, a, "relates_to", b)).AssertProblemAsync(HttpStatusCode.BadRequest, "taskId");
        await owner.PostAsync($"tasks/{b}/restore", null, HttpStatusCode.OK);
        var restored = (await owner.GetAsync($"tasks/{a}/relations")).GetProperty("items").EnumerateArray().Single();

        Assert.Multiple(() =>
        {
            Assert.That(whileTrashed, Is.Zero);
            Assert.That(toTrashed.ErrorsOf("taskId"), Is.EqualTo(new[] { "No such task in this task's workspace." }));
            Assert.That(restored.GetProperty("taskId").GetGuid(), Is.EqualTo(b));
        });
    }

    [Test]
    public async Task An_archived_projects_task_gains_no_relation()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var a = await TaskAsync(owner, projectId, "A");
        var b = await TaskAsync(owner, projectId, "B");
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);

        await (await RelateAsync(owner, a, "blocks", b)).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
