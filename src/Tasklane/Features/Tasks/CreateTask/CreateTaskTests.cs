using System.Net;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.CreateTask;

public class CreateTaskTests
{
    [Test]
    public async Task Creates_a_task_with_defaults_location_and_etag()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "Write the spec" });
        var task = await ApiClient.Send(
            client.Http,
            HttpMethod.Get,
            response.Headers.Location!.ToString().Replace("/api/v1/", ""),
            null,
            HttpStatusCode.OK
        );

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Write the spec"));
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("todo"));
            Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("normal"));
            Assert.That(task.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
            Assert.That(task.GetProperty("createdBy").GetGuid(), Is.EqualTo(client.UserId));
        });
    }

    [Test]
    public async Task Takes_every_optional_field()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var task = await client.CreateTaskAsync(
            projectId,
            new
            {
                title = "Launch",
                description = "**markdown**",
                status = "in_progress",
                priority = "urgent",
                dueAt = "2030-01-02T03:04:05+02:00",
                assigneeId = client.UserId,
            }
        );

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("description").GetString(), Is.EqualTo("**markdown**"));
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("urgent"));
            Assert.That(task.GetProperty("dueAt").GetString(), Is.EqualTo("2030-01-02T01:04:05Z"));
            Assert.That(task.GetProperty("assigneeId").GetGuid(), Is.EqualTo(client.UserId));
        });
    }

    [Test]
    public async Task An_assignee_must_be_a_workspace_member()
    {
        var client = await ApiClient.SignUpAsync();
        var outsider = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "x", assigneeId = outsider.UserId });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "assigneeId");
        var page = await client.GetAsync($"projects/{projectId}/tasks");
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task Takes_several_assignees_labels_start_estimate_and_a_parent()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var labels = new List<Guid>();
        foreach (var name in new[] { "b", "a" })
        {
            labels.Add(
                (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name, color = "#abcdef" })).GetProperty("id").GetGuid()
            );
        }

        var parentId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var created = await client.CreateTaskAsync(
            projectId,
            new
            {
                title = "Child",
                assigneeIds = new[] { client.UserId, client.UserId },
                labelIds = labels,
                startAt = "2030-01-01T00:00:00Z",
                dueAt = "2030-01-02T00:00:00Z",
                estimate = 90,
                parentId,
            }
        );
        var task = await client.GetAsync($"tasks/{created.GetProperty("id").GetGuid()}");

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("assigneeIds").EnumerateArray().Select(a => a.GetGuid()), Is.EqualTo(new[] { client.UserId }));
            Assert.That(task.GetProperty("assigneeId").GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(task.GetProperty("labelIds").EnumerateArray().Select(a => a.GetGuid()), Is.EqualTo(labels.Order()));
            Assert.That(
                created.GetProperty("labelIds").EnumerateArray().Select(a => a.GetGuid()),
                Is.EqualTo(labels.Order()),
                "create answers what get answers"
            );
            Assert.That(task.GetProperty("startAt").GetString(), Is.EqualTo("2030-01-01T00:00:00Z"));
            Assert.That(task.GetProperty("estimate").GetInt32(), Is.EqualTo(90));
            Assert.That(task.GetProperty("parentId").GetGuid(), Is.EqualTo(parentId));
        });
    }

    [Test]
    public async Task Each_assignee_must_be_a_member_and_each_label_of_this_workspace_naming_the_ids()
    {
        var client = await ApiClient.SignUpAsync();
        var outsider = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var otherWorkspace = await client.CreateWorkspaceAsync("Other");
        var foreignLabel = (await client.PostAsync($"workspaces/{otherWorkspace}/labels", new { name = "x", color = "#000000" }))
            .GetProperty("id")
            .GetGuid();

        var response = await client.Http.PostAsJsonAsync(
            $"projects/{projectId}/tasks",
            new
            {
                title = "x",
                assigneeIds = new[] { client.UserId, outsider.UserId },
                labelIds = new[] { foreignLabel },
            }
        );

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "assigneeIds", "labelIds");
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("errors").GetProperty("assigneeIds")[0].GetString(), Does.Contain(outsider.UserId.ToString()));
            Assert.That(problem.GetProperty("errors").GetProperty("labelIds")[0].GetString(), Does.Contain(foreignLabel.ToString()));
        });
        var page = await client.GetAsync($"projects/{projectId}/tasks");
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task A_parent_of_another_project_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var otherProject = await client.CreateProjectAsync(workspaceId, "Other");
        var parentId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var elsewhere = await client.Http.PostAsJsonAsync($"projects/{otherProject}/tasks", new { title = "x", parentId });

        await elsewhere.AssertProblemAsync(HttpStatusCode.BadRequest, "parentId");
    }

    [TestCase("{\"title\":\"\"}", "title")]
    [TestCase("{\"title\":\"x\",\"status\":\"blocked\"}", "status")]
    [TestCase("{\"title\":\"x\",\"priority\":\"meh\"}", "priority")]
    [TestCase("{\"title\":42}", "title")]
    [TestCase("{\"title\":\"x\",\"dueAt\":\"tomorrow\"}", "dueAt")]
    [TestCase("{\"title\":\"x\",\"assigneeId\":\"nope\"}", "assigneeId")]
    [TestCase("{\"title\":\"x\",\"assigneeIds\":[\"nope\"]}", "assigneeIds[0]")]
    [TestCase("{\"title\":\"x\",\"assigneeId\":\"01a20e48-9421-7319-a687-0cd3e08195a5\",\"assigneeIds\":[]}", "assigneeId")]
    [TestCase("{\"title\":\"x\",\"estimate\":-1}", "estimate")]
    [TestCase("{\"title\":\"x\",\"estimate\":1000001}", "estimate")]
    [TestCase("{\"title\":\"x\",\"estimate\":1.5}", "estimate")]
    [TestCase("{\"title\":\"x\",\"startAt\":\"2030-02-01T00:00:00Z\",\"dueAt\":\"2030-01-01T00:00:00Z\"}", "startAt")]
    [TestCase("{\"title\":\"x\",\"parentId\":\"01a20e48-9421-7319-a687-0cd3e08195a5\"}", "parentId")]
    public async Task Invalid_fields_are_400_with_the_field_named(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/tasks", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    private const string Statuses = "Must be one of: todo, in_progress, done.";
    private const string Priorities = "Must be one of: low, normal, high, urgent.";

    /// <summary>A status or priority the API does not know is a field error listing the values, beside the body's other errors.</summary>
    [TestCase("""{"status":"blocked","priority":"meh"}""", Statuses, Priorities)]
    [TestCase("""{"status":"Todo","priority":"HIGH"}""", Statuses, Priorities)]
    [TestCase("""{"status":"","priority":" low"}""", Statuses, Priorities)]
    [TestCase("""{"status":1,"title":"x"}""", "Has the wrong type or format.", null)]
    public async Task An_unknown_status_or_priority_lists_the_values(string body, string status, string? priority)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var problem = await (await client.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/tasks", body)).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "status"
        );

        Assert.Multiple(() =>
        {
            Assert.That(problem.ErrorsOf("status"), Is.EqualTo(new[] { status }));
            Assert.That(problem.ErrorsOf("priority"), Is.EqualTo(priority is null ? Array.Empty<string>() : new[] { priority }));
            Assert.That(
                problem.ErrorsOf("title"),
                Is.EqualTo(priority is null ? Array.Empty<string>() : new[] { "Required." }),
                "every field's error at once"
            );
        });
    }

    [Test]
    public async Task A_title_over_200_characters_is_refused()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = new string('t', 201) });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "title");
    }

    [Test]
    public async Task Another_users_project_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        var response = await stranger.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "sneaky" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_creates_in_one_column_get_distinct_positions()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var created = await Task.WhenAll(
            Enumerable.Range(0, 12).Select(i => client.CreateTaskAsync(projectId, new { title = $"Task {i}" }))
        );

        var positions = created.Select(t => t.GetProperty("position").GetDouble()).ToList();
        Assert.That(positions, Is.Unique, "concurrent appends that read the same end of the column still differ");
    }

    [Test]
    public void The_decision_fills_defaults_and_announces_the_task()
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Member);
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var (task, created) = CreateTaskDecision.Decide(
            new CreateTaskRequest(" Title ", null, null, null, null, AssigneeId: Guid.Empty, LabelIds: [Guid.Empty, Guid.Empty]),
            membership,
            now
        );

        Assert.Multiple(() =>
        {
            Assert.That(task.Title, Is.EqualTo("Title"));
            Assert.That(task.Status, Is.EqualTo(StatusCategory.Todo));
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.Normal));
            Assert.That(task.AssigneeIds, Is.EqualTo(new[] { Guid.Empty }), "the single assigneeId becomes the set");
            Assert.That(task.LabelIds, Is.EqualTo(new[] { Guid.Empty }), "labels are a set");
            Assert.That(task.ProjectId, Is.EqualTo(membership.ProjectId));
            Assert.That(created.TaskId, Is.EqualTo(task.Id));
            Assert.That(created.ActorId, Is.EqualTo(membership.UserId));
            Assert.That(created.EventId, Is.Not.EqualTo(task.Id));
            Assert.That(created.OccurredAt, Is.EqualTo(now));
        });
    }
}
