using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// Role × action → allowed / 403 / 404, through the real API. Roles are granted directly in the
/// database so this matrix checks only what each role may do.
/// </summary>
public class RoleMatrixTests
{
    /// <summary>The ids an action may use: one workspace with a project and a task.</summary>
    public sealed record World(Guid WorkspaceId, Guid ProjectId, Guid TaskId);

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
        new("create project", "admin", w => (HttpMethod.Post, $"workspaces/{w.WorkspaceId}/projects", """{"name":"by role"}""")),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from action in Actions
        from role in Ranking.Append("stranger")
        select new TestCaseData(action, role).SetName($"{role} may{(Allowed(role, action) ? "" : " not")} {action.Name}");

    private static bool Allowed(string role, Action action) =>
        role != "stranger" && Array.IndexOf(Ranking, role) >= Array.IndexOf(Ranking, action.MinimumRole);

    [TestCaseSource(nameof(Cases))]
    public async Task Each_role_may_do_exactly_what_it_is_allowed(Action action, string role)
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var world = new World(workspaceId, projectId, (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid());
        var caller = await ApiClient.SignUpAsync();
        if (role != "stranger")
        {
            await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
            await db.ExecuteAsync(
                "insert into workspace_members (workspace_id, user_id, role, joined_at) values (@workspaceId, @userId, @role, now())",
                new { workspaceId, userId = caller.UserId, role });
        }

        var (method, path, body) = action.Request(world);
        var response = await caller.SendRawAsync(method, path, body);

        if (Allowed(role, action))
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        }
        else
        {
            await response.AssertProblemAsync(role == "stranger" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        }
    }
}
