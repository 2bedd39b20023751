using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// Role × action → allowed / 403 / 404, through the real API, on one host and on two hosts sharing Redis, with the
/// caller's access facts cold, cached on the answering host, or cached only on the other host (<see cref="CachePath"/>).
/// Roles are granted directly in the database so this matrix checks only what each role may do.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class RoleMatrixTests
{
    /// <summary>The ids an action may use: one workspace with a project, two tasks (the other one recurs) and a text custom field, and its owner.</summary>
    public sealed record World(Guid WorkspaceId, Guid ProjectId, Guid TaskId, Guid OtherTaskId, Guid OwnerId, Guid FieldId);

    public sealed record Action(string Name, string MinimumRole, Func<World, (HttpMethod Method, string Path, string? Body)> Request);

    private static readonly string[] Ranking = ["viewer", "member", "admin", "owner"];

    private static readonly Action[] Actions =
    [
        new("list projects", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/projects", null)),
        new("list tasks", "viewer", w => (HttpMethod.Get, $"projects/{w.ProjectId}/tasks", null)),
        new("get task", "viewer", w => (HttpMethod.Get, $"tasks/{w.TaskId}", null)),
        new("list activity", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/activity", null)),
        new("create task", "member", w => (HttpMethod.Post, $"projects/{w.ProjectId}/tasks", """{"title":"by role"}""")),
        new("update task", "member", w => (HttpMethod.Patch, $"tasks/{w.TaskId}", """{"priority":"high"}""")),
        new("list members", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/members", null)),
        new("get project", "viewer", w => (HttpMethod.Get, $"projects/{w.ProjectId}", null)),
        new("list comments", "viewer", w => (HttpMethod.Get, $"tasks/{w.TaskId}/comments", null)),
        new("search", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/search?q=task", null)),
        new("task activity", "viewer", w => (HttpMethod.Get, $"tasks/{w.TaskId}/activity", null)),
        new("comment", "member", w => (HttpMethod.Post, $"tasks/{w.TaskId}/comments", """{"body":"by role"}""")),
        new("delete task", "member", w => (HttpMethod.Delete, $"tasks/{w.TaskId}", null)),
        new("list the trash", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/trash", null)),
        new("list relations", "viewer", w => (HttpMethod.Get, $"tasks/{w.TaskId}/relations", null)),
        new("list views", "viewer", w => (HttpMethod.Get, $"projects/{w.ProjectId}/views", null)),
        new("save a view of one's own", "viewer", w => (HttpMethod.Post, $"projects/{w.ProjectId}/views", """{"name":"by role"}""")),
        new("share a view", "member", w => (HttpMethod.Post, $"projects/{w.ProjectId}/views", """{"name":"by role","shared":true}""")),
        new(
            "relate tasks",
            "member",
            w => (HttpMethod.Post, $"tasks/{w.TaskId}/relations", $$"""{"type":"relates_to","taskId":"{{w.OtherTaskId}}"}""")
        ),
        new("get recurrence", "viewer", w => (HttpMethod.Get, $"tasks/{w.OtherTaskId}/recurrence", null)),
        new(
            "set recurrence",
            "member",
            w => (HttpMethod.Put, $"tasks/{w.TaskId}/recurrence", """{"frequency":"daily","time":"09:00","timeZone":"UTC"}""")
        ),
        new("remove recurrence", "member", w => (HttpMethod.Delete, $"tasks/{w.OtherTaskId}/recurrence", null)),
        new("move task", "member", w => (HttpMethod.Post, $"tasks/{w.TaskId}/move", """{"status":"done"}""")),
        new(
            "bulk update",
            "member",
            w => (HttpMethod.Post, $"projects/{w.ProjectId}/tasks/bulk", $$"""{"taskIds":["{{w.TaskId}}"],"status":"done"}""")
        ),
        new("list attachments", "viewer", w => (HttpMethod.Get, $"tasks/{w.TaskId}/attachments", null)),
        new(
            "start an upload",
            "member",
            w => (HttpMethod.Post, $"tasks/{w.TaskId}/attachments", """{"fileName":"a.pdf","contentType":"application/pdf","size":1}""")
        ),
        new("export project", "viewer", w => (HttpMethod.Post, $"projects/{w.ProjectId}/exports", """{"format":"csv"}""")),
        new("list labels", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/labels", null)),
        new("list custom fields", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/custom-fields", null)),
        new("get a custom field", "viewer", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/custom-fields/{w.FieldId}", null)),
        new(
            "create a custom field",
            "admin",
            w => (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/custom-fields", """{"name":"by role","type":"number"}""")
        ),
        new(
            "rename a custom field",
            "admin",
            w => (HttpMethod.Patch, $"workspaces/{w.WorkspaceId}/custom-fields/{w.FieldId}", """{"name":"renamed"}""")
        ),
        new("delete a custom field", "admin", w => (HttpMethod.Delete, $"workspaces/{w.WorkspaceId}/custom-fields/{w.FieldId}", null)),
        new(
            "set a custom field value",
            "member",
            w => (HttpMethod.Patch, $"tasks/{w.TaskId}", $$$"""{"customFields":{"{{{w.FieldId}}}":"by role"}}""")
        ),
        new("list statuses", "viewer", w => (HttpMethod.Get, $"projects/{w.ProjectId}/statuses", null)),
        new(
            "create status",
            "admin",
            w => (HttpMethod.Post, $"projects/{w.ProjectId}/statuses", """{"name":"by role","color":"#123456","category":"in_progress"}""")
        ),
        new(
            "create label",
            "admin",
            w => (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/labels", """{"name":"by role","color":"#123456"}""")
        ),
        new("create project", "admin", w => (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/projects", """{"name":"by role"}""")),
        new("rename project", "admin", w => (HttpMethod.Patch, $"projects/{w.ProjectId}", """{"name":"renamed"}""")),
        new("archive project", "admin", w => (HttpMethod.Post, $"projects/{w.ProjectId}/archive", null)),
        new("delete project", "admin", w => (HttpMethod.Delete, $"projects/{w.ProjectId}", null)),
        new("invite", "admin", w => (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/invitations", """{"email":"someone@example.com"}""")),
        new("list invitations", "admin", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/invitations", null)),
        new(
            "register a webhook",
            "admin",
            w =>
                (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/webhooks", """{"url":"http://127.0.0.1:9/role","events":["task.created"]}""")
        ),
        new("upload an import file", "admin", w => (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/imports/uploads", """{"size":10}""")),
        new("list webhooks", "admin", w => (HttpMethod.Get, $"workspaces/{w.WorkspaceId}/webhooks", null)),
        new("follow task", "viewer", w => (HttpMethod.Put, $"tasks/{w.TaskId}/follow", null)),
        new("unfollow task", "viewer", w => (HttpMethod.Delete, $"tasks/{w.TaskId}/follow", null)),
        new(
            "set the workspace's two-factor requirement",
            "owner",
            w => (HttpMethod.Patch, $"workspaces/{w.WorkspaceId}", """{"requireTwoFactor":false}""")
        ),
        new(
            "change the owner's role",
            "owner",
            w => (HttpMethod.Patch, $"workspaces/{w.WorkspaceId}/members/{w.OwnerId}", """{"role":"admin"}""")
        ),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from action in Actions
        from role in Ranking.Append("stranger")
        from path in TwoHosts.AllPaths
        select new TestCaseData(action, role, path).SetName($"{role} may{(Allowed(role, action) ? "" : " not")} {action.Name} ({path})");

    private static bool Allowed(string role, Action action) =>
        role != "stranger" && Array.IndexOf(Ranking, role) >= Array.IndexOf(Ranking, action.MinimumRole);

    /// <summary>The world every action runs in: the owner's workspace, a project with two tasks, the second recurring.</summary>
    private static async Task<World> WorldAsync(ApiClient owner)
    {
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var world = new World(
            workspaceId,
            projectId,
            (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid(),
            (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid(),
            owner.UserId,
            (await owner.PostAsync($"workspaces/{workspaceId}/custom-fields", new { name = "Notes", type = "text" }))
                .GetProperty("id")
                .GetGuid()
        );
        await ApiClient.Send(
            owner.Http,
            HttpMethod.Put,
            $"tasks/{world.OtherTaskId}/recurrence",
            new
            {
                frequency = "weekly",
                weekdays = new[] { "friday" },
                time = "17:00",
                timeZone = "Europe/Berlin",
            },
            HttpStatusCode.Created
        );
        return world;
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Each_role_may_do_exactly_what_it_is_allowed(Action action, string role, CachePath path)
    {
        var owner = await ApiClient.SignUpAsync();
        var world = await WorldAsync(owner);
        var (workspaceId, projectId) = (world.WorkspaceId, world.ProjectId);
        var caller = await ApiClient.SignUpAsync();
        if (role != "stranger")
        {
            await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
            await db.ExecuteAsync(
                "insert into workspace_members (workspace_id, user_id, role, joined_at) values (@workspaceId, @userId, @role, now())",
                new
                {
                    workspaceId,
                    userId = caller.UserId,
                    role,
                }
            );
        }

        if (path != CachePath.Cold)
        {
            // Loads the project's state, the task's home and the caller's role (or "not a member") into A's cache and Redis.
            var expected = role == "stranger" ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.That((await caller.Http.GetAsync($"projects/{projectId}")).StatusCode, Is.EqualTo(expected));
            Assert.That((await caller.Http.GetAsync($"tasks/{world.TaskId}")).StatusCode, Is.EqualTo(expected));
        }

        var (method, route, body) = action.Request(world);
        var response = await caller.Via(TwoHosts.Answering(path).CreateClient()).SendRawAsync(method, route, body);

        if (Allowed(role, action))
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        }
        else
        {
            await response.AssertProblemAsync(role == "stranger" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        }
    }

    /// <summary>The scope dimension: what an owner's API token may do when it is read-only, or limited to another workspace.</summary>
    private static IEnumerable<TestCaseData> ScopeCases() =>
        from action in Actions
        from limit in new[] { "read-only", "another workspace's" }
        select new TestCaseData(action, limit).SetName(
            $"an owner's {limit} token may{(ScopeAllows(limit, action) ? "" : " not")} {action.Name} (two hosts)"
        );

    private static bool ScopeAllows(string limit, Action action) => limit == "read-only" && action.Request(Sample).Method == HttpMethod.Get;

    private static readonly World Sample = new(Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty);

    [TestCaseSource(nameof(ScopeCases))]
    public async Task A_tokens_scope_narrows_what_its_owner_may_do(Action action, string limit)
    {
        var owner = await ApiClient.SignUpAsync();
        var world = await WorldAsync(owner);
        var otherWorkspace = await owner.CreateWorkspaceAsync("Other");
        object scope =
            limit == "read-only"
                ? new { name = "scoped", readOnly = true }
                : new { name = "scoped", workspaceIds = new[] { otherWorkspace } };
        var token = (await owner.PostAsync("me/tokens", scope)).GetProperty("token").GetString()!;
        // The owner's access facts are cached on host A; the token asks host B.
        Assert.That((await owner.Http.GetAsync($"tasks/{world.TaskId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var http = TestEnvironment.HostB.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var (method, route, body) = action.Request(world);
        using var request = new HttpRequestMessage(method, route);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);

        if (ScopeAllows(limit, action))
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        }
        else
        {
            await response.AssertProblemAsync(limit == "read-only" ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        }
    }
}
