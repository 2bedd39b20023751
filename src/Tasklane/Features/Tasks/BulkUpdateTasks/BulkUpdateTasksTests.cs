using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.BulkUpdateTasks;

public class BulkUpdateTasksTests
{
    private static async Task<List<Guid>> TasksAsync(ApiClient client, Guid projectId, int count, object? extra = null)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await client.CreateTaskAsync(projectId, extra ?? new { title = $"t{i}" })).GetProperty("id").GetGuid());
        }

        return ids;
    }

    [Test]
    public async Task Sets_status_and_assignee_of_all_tasks_with_one_event_each()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var ids = await TasksAsync(client, projectId, 3);
        var untouched = (await TasksAsync(client, projectId, 1))[0];
        await client.PostAsync($"tasks/{ids[2]}/move", new { status = "done" }, HttpStatusCode.OK);

        var result = await client.PostAsync(
            $"projects/{projectId}/tasks/bulk",
            new
            {
                taskIds = ids,
                status = "done",
                assigneeId = client.UserId,
            },
            HttpStatusCode.OK
        );

        Assert.That(result.GetProperty("updated").GetInt32(), Is.EqualTo(3));
        var tasks = (await client.GetAsync($"projects/{projectId}/tasks"))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetGuid());
        Assert.Multiple(() =>
        {
            Assert.That(ids.Select(id => tasks[id].GetProperty("status").GetString()), Is.All.EqualTo("done"));
            Assert.That(ids.Select(id => tasks[id].GetProperty("assigneeId").GetGuid()), Is.All.EqualTo(client.UserId));
            Assert.That(ids.Take(2).Select(id => tasks[id].GetProperty("version").GetInt32()), Is.All.EqualTo(2));
            Assert.That(tasks[ids[2]].GetProperty("version").GetInt32(), Is.EqualTo(3), "moved before, now only reassigned");
            Assert.That(tasks[untouched].GetProperty("status").GetString(), Is.EqualTo("todo"));
            var donePositions = ids.Select(id => tasks[id].GetProperty("position").GetDouble()).ToList();
            Assert.That(donePositions.Distinct().Count(), Is.EqualTo(3), "joined the done column at distinct positions");
        });
        var feed = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity?limit=200"),
            f => f.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "task.updated") >= 3
        );
        var updates = feed.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "task.updated").ToList();
        Assert.That(updates.Select(u => u.GetProperty("taskId").GetGuid()), Is.EquivalentTo(ids));
        var third = updates.Single(u => u.GetProperty("taskId").GetGuid() == ids[2]).GetProperty("data").GetProperty("changes");
        Assert.That(third.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "assigneeIds" }));
    }

    [Test]
    public async Task A_null_assignee_clears_it()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var ids = await TasksAsync(client, projectId, 2, new { title = "mine", assigneeId = client.UserId });

        var result = await client.PostAsync(
            $"projects/{projectId}/tasks/bulk",
            new { taskIds = ids, assigneeId = (Guid?)null },
            HttpStatusCode.OK
        );

        Assert.That(result.GetProperty("updated").GetInt32(), Is.EqualTo(2));
        var task = await client.GetAsync($"tasks/{ids[0]}");
        Assert.That(task.GetProperty("assigneeId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task One_task_of_another_project_or_workspace_refuses_the_whole_request()
    {
        var client = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var other = await client.CreateProjectAsync(workspaceId, "Other");
        var ids = await TasksAsync(client, projectId, 2);
        var otherTask = (await TasksAsync(client, other, 1))[0];
        var (_, strangerProject) = await stranger.CreateProjectInNewWorkspaceAsync();
        var foreign = (await TasksAsync(stranger, strangerProject, 1))[0];

        foreach (var intruder in new[] { otherTask, foreign, Guid.CreateVersion7() })
        {
            var response = await client.Http.PostAsJsonAsync(
                $"projects/{projectId}/tasks/bulk",
                new { taskIds = ids.Append(intruder), status = "done" }
            );
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "taskIds");
        }

        var statuses = (await client.GetAsync($"projects/{projectId}/tasks"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(t => t.GetProperty("status").GetString());
        Assert.That(statuses, Is.All.EqualTo("todo"), "nothing changed");
    }

    [Test]
    public async Task An_assignee_from_outside_the_workspace_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var outsider = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var ids = await TasksAsync(client, projectId, 1);

        var response = await client.Http.PostAsJsonAsync(
            $"projects/{projectId}/tasks/bulk",
            new { taskIds = ids, assigneeId = outsider.UserId }
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "assigneeId");
    }

    [Test]
    public async Task Invalid_bodies_are_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var tooMany = Enumerable.Range(0, 501).Select(_ => Guid.CreateVersion7()).ToArray();
        var id = Guid.CreateVersion7();

        var cases = new (object Body, string Field)[]
        {
            (new { taskIds = tooMany, status = "done" }, "taskIds"),
            (new { taskIds = Array.Empty<Guid>(), status = "done" }, "taskIds"),
            (new { status = "done" }, "taskIds"),
            (new { taskIds = new[] { "nope" }, status = "done" }, "taskIds"),
            (new { taskIds = new[] { id } }, "body"),
            (new { taskIds = new[] { id }, status = "blocked" }, "status"),
            (new { taskIds = new[] { id }, assigneeId = 5 }, "assigneeId"),
            (
                new
                {
                    taskIds = new[] { id },
                    status = "done",
                    labels = new[] { "x" },
                },
                "labels"
            ),
        };
        foreach (var (body, field) in cases)
        {
            await (await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks/bulk", body)).AssertProblemAsync(
                HttpStatusCode.BadRequest,
                field
            );
        }
    }

    // Valid JSON that is not valid text: lone and reversed UTF-16 surrogate escapes.
    [TestCase("""{"taskIds":["TASK"],"status":"\ud800"}""", "status")]
    [TestCase("""{"taskIds":["\udc00\ud800"],"status":"done"}""", "taskIds")]
    [TestCase("""{"taskIds":["TASK"],"assigneeId":"\ud800"}""", "assigneeId")]
    [TestCase("""{"taskIds":["TASK"],"addLabelIds":["\udc00"]}""", "addLabelIds")]
    [TestCase("""{"taskIds":["TASK"],"status":"done","\ud800":1}""", "body")]
    public async Task Invalid_unicode_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await TasksAsync(client, projectId, 1))[0];

        var response = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks/bulk",
            body.Replace("TASK", taskId.ToString(), StringComparison.Ordinal)
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("version").GetInt32(), Is.EqualTo(1));
    }

    /// <summary>An unknown status lists the values; one that is no string says so.</summary>
    [TestCase("\"blocked\"", "Must be one of: todo, in_progress, done.")]
    [TestCase("\"\"", "Must be one of: todo, in_progress, done.")]
    [TestCase("null", "Must be a string.")]
    [TestCase("3", "Must be a string.")]
    public async Task An_unknown_status_lists_the_values(string status, string message)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks/bulk",
            $$"""{"taskIds":[],"status":{{status}}}"""
        );

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "status", "taskIds");
        Assert.That(problem.ErrorsOf("status"), Is.EqualTo(new[] { message }));
    }

    [Test]
    public async Task An_archived_project_is_409_and_another_workspaces_project_404()
    {
        var client = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var ids = await TasksAsync(client, projectId, 1);

        await (
            await stranger.Http.PostAsJsonAsync($"projects/{projectId}/tasks/bulk", new { taskIds = ids, status = "done" })
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        await (
            await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks/bulk", new { taskIds = ids, status = "done" })
        ).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await client.GetAsync($"tasks/{ids[0]}")).GetProperty("status").GetString(), Is.EqualTo("todo"));
    }

    [Test]
    public async Task Labels_are_added_and_removed_and_assignees_replaced_in_one_go()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var bug = (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();
        var urgent = (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "urgent", color = "#ffaa00" }))
            .GetProperty("id")
            .GetGuid();
        var labelled = (await client.CreateTaskAsync(projectId, new { title = "a", labelIds = new[] { urgent } }))
            .GetProperty("id")
            .GetGuid();
        var plain = (await client.CreateTaskAsync(projectId, new { title = "b" })).GetProperty("id").GetGuid();

        var result = await client.PostAsync(
            $"projects/{projectId}/tasks/bulk",
            new
            {
                taskIds = new[] { labelled, plain },
                addLabelIds = new[] { bug },
                removeLabelIds = new[] { urgent },
                assigneeId = client.UserId,
            },
            HttpStatusCode.OK
        );

        var a = await client.GetAsync($"tasks/{labelled}");
        var b = await client.GetAsync($"tasks/{plain}");
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("updated").GetInt32(), Is.EqualTo(2));
            Assert.That(a.GetProperty("labelIds").EnumerateArray().Select(l => l.GetGuid()), Is.EqualTo(new[] { bug }));
            Assert.That(b.GetProperty("labelIds").EnumerateArray().Select(l => l.GetGuid()), Is.EqualTo(new[] { bug }));
            Assert.That(b.GetProperty("assigneeIds").EnumerateArray().Select(u => u.GetGuid()), Is.EqualTo(new[] { client.UserId }));
            Assert.That(b.GetProperty("assigneeId").GetGuid(), Is.EqualTo(client.UserId));
        });
        var filtered = await client.GetAsync($"projects/{projectId}/tasks?labelId={bug}&assigneeId={client.UserId}");
        Assert.That(filtered.GetProperty("items").GetArrayLength(), Is.EqualTo(2), "the join tables the list filters on were written");
    }

    [Test]
    public async Task A_label_of_another_workspace_refuses_the_whole_request()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var (otherWorkspace, _) = await client.CreateProjectInNewWorkspaceAsync();
        var foreign = (await client.PostAsync($"workspaces/{otherWorkspace}/labels", new { name = "elsewhere", color = "#000000" }))
            .GetProperty("id")
            .GetGuid();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await client.Http.PostAsJsonAsync(
            $"projects/{projectId}/tasks/bulk",
            new
            {
                taskIds = new[] { taskId },
                status = "done",
                addLabelIds = new[] { foreign },
            }
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "addLabelIds");
        Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("status").GetString(), Is.EqualTo("todo"));
    }

    [Test]
    public void The_decision_skips_unchanged_tasks_and_appends_movers_in_order()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var (ws, project) = (Guid.NewGuid(), Guid.NewGuid());
        var (todo, doing, done) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var column = new Statuses.StatusResponse(done, project, "Done", "#000000", StatusCategory.Done, 3072, null, 1, now, now);
        var first = new BulkTaskRow(Guid.NewGuid(), ws, project, StatusCategory.Todo, [], [], 100, 1, StatusId: todo);
        var second = new BulkTaskRow(Guid.NewGuid(), ws, project, StatusCategory.InProgress, [], [], 50, 4, StatusId: doing);
        var already = new BulkTaskRow(Guid.NewGuid(), ws, project, StatusCategory.Done, [], [], 10, 2, StatusId: done);
        var request = JsonSerializer.Deserialize<BulkUpdateTasksRequest>(
            $$"""{"taskIds":["{{first.Id}}"],"status":"done"}""",
            JsonSerializerOptions.Web
        )!;

        var changes = BulkUpdateTasksDecision.Decide([first, second, already], column, request, [], 4096, Guid.NewGuid(), now);

        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.Task.Id), Is.EqualTo(new[] { second.Id, first.Id }));
            Assert.That(changes.Select(c => c.Task.Position), Is.EqualTo(new[] { 5120d, 6144d }));
            Assert.That(changes.Select(c => c.Task.Version), Is.EqualTo(new[] { 5, 2 }));
            Assert.That(
                changes[0].Event.Changes,
                Is.EqualTo(new TaskChanges { Status = new(StatusCategory.InProgress, StatusCategory.Done), StatusId = new(doing, done) })
            );
        });
    }
}
