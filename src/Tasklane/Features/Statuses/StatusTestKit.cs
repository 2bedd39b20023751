using System.Net;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Statuses;

/// <summary>What the status tests share: a project's statuses by name, and making one.</summary>
public static class StatusTestKit
{
    public static async Task<JsonElement[]> StatusesAsync(ApiClient client, Guid projectId) =>
        [.. (await client.GetAsync($"projects/{projectId}/statuses")).GetProperty("items").EnumerateArray()];

    public static async Task<Guid> StatusIdAsync(ApiClient client, Guid projectId, string name) =>
        (await StatusesAsync(client, projectId)).Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

    public static async Task<Guid> CreateStatusAsync(
        ApiClient client,
        Guid projectId,
        string name,
        string category = "in_progress",
        int? wipLimit = null
    ) => (
            await client.PostAsync(
                $"projects/{projectId}/statuses",
                new
                {
                    name,
                    color = "#123abc",
                    category,
                    wipLimit,
                }
            )
        ).GetProperty("id").GetGuid();

    public static async Task<HttpStatusCode> DeleteAsync(ApiClient client, string path) => (await client.Http.DeleteAsync(path)).StatusCode;
}
