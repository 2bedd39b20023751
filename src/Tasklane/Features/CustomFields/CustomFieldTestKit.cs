using System.Net.Http.Headers;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Features.CustomFields;

/// <summary>What the custom field tests share: making a field, and setting a task's values.</summary>
public static class CustomFieldTestKit
{
    public static Task<JsonElement> CreateFieldAsync(
        ApiClient client,
        Guid workspaceId,
        string name,
        string type,
        params string[] options
    ) =>
        client.PostAsync(
            $"workspaces/{workspaceId}/custom-fields",
            new
            {
                name,
                type,
                options = options.Select(o => new { name = o }),
            }
        );

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    public static Guid OptionId(JsonElement field, string name) =>
        field.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

    /// <summary>PATCH /tasks/{id} with <c>{"customFields": values}</c> as raw JSON.</summary>
    public static Task<HttpResponseMessage> SetValuesAsync(ApiClient client, Guid taskId, string values) =>
        client.SendRawAsync(HttpMethod.Patch, $"tasks/{taskId}", $$"""{"customFields":{{values}}}""");

    public static async Task<JsonElement> ValuesAsync(ApiClient client, Guid taskId) =>
        (await client.GetAsync($"tasks/{taskId}")).GetProperty("customFields");

    public static HttpRequestMessage WithIfMatch(HttpMethod method, string path, string etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }
}
