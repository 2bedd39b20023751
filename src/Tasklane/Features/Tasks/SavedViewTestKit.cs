using System.Net;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks;

/// <summary>Helpers for the saved-view tests: a project with an owner and a second member of a chosen role, and views.</summary>
public static class SavedViewTestKit
{
    public sealed record Team(ApiClient Owner, ApiClient Other, Guid WorkspaceId, Guid ProjectId);

    public static async Task<Team> TeamAsync(string otherRole = "member")
    {
        var owner = await ApiClient.SignUpAsync();
        var other = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await other.JoinWorkspaceAsync(workspaceId, otherRole);
        return new Team(owner, other, workspaceId, projectId);
    }

    public static async Task<Guid> ViewAsync(ApiClient client, Guid projectId, string name, string query = "", bool shared = false) => (
            await client.PostAsync(
                $"projects/{projectId}/views",
                new
                {
                    name,
                    query,
                    shared,
                }
            )
        ).GetProperty("id").GetGuid();

    public static string Json(object body) => JsonSerializer.Serialize(body);

    public static async Task<string[]> TitlesAsync(ApiClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        (await client.GetAsync(path, expected))
            .GetProperty("items")
            .EnumerateArray()
            .Select(t => t.GetProperty("title").GetString()!)
            .ToArray();
}
