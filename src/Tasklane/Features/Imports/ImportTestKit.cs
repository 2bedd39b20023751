using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Imports;

/// <summary>Helpers for the import tests: upload as a browser or the CLI would (no SDK, no API token), start, poll.</summary>
public static class ImportTestKit
{
    private static readonly HttpClient Plain = new();

    /// <summary>Asks for an upload URL, PUTs the bytes there and answers the object key.</summary>
    public static async Task<string> UploadAsync(ApiClient client, Guid workspaceId, byte[] bytes)
    {
        var upload = await client.PostAsync($"workspaces/{workspaceId}/imports/uploads", new { size = bytes.Length }, HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString())
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(
            upload.GetProperty("uploadHeaders").GetProperty("Content-Type").GetString()!
        );
        using var response = await Plain.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return upload.GetProperty("objectKey").GetString()!;
    }

    public static Task<string> UploadAsync(ApiClient client, Guid workspaceId, string text) =>
        UploadAsync(client, workspaceId, Encoding.UTF8.GetBytes(text));

    /// <summary>POSTs the import; the 202's body.</summary>
    public static async Task<JsonElement> StartAsync(ApiClient client, Guid workspaceId, object body)
    {
        using var response = await client.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/imports",
            JsonSerializer.Serialize(body)
        );
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        var import = JsonDocument.Parse(text).RootElement.Clone();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/imports/{import.GetProperty("id").GetGuid()}"));
        return import;
    }

    /// <summary>Polls the job until it has left queued/running.</summary>
    public static Task<JsonElement> FinishedAsync(ApiClient client, Guid importId, TimeSpan? timeout = null) =>
        ApiClient.EventuallyAsync(
            () => client.GetAsync($"imports/{importId}"),
            e => e.GetProperty("status").GetString() is not ("queued" or "running"),
            timeout ?? TimeSpan.FromSeconds(60)
        );

    /// <summary>Uploads <paramref name="file"/>, imports it and waits for the job to end.</summary>
    public static async Task<JsonElement> ImportAsync(
        ApiClient client,
        Guid workspaceId,
        string source,
        string file,
        object? options = null,
        TimeSpan? timeout = null
    ) => await ImportAsync(client, workspaceId, source, Encoding.UTF8.GetBytes(file), options, timeout);

    public static async Task<JsonElement> ImportAsync(
        ApiClient client,
        Guid workspaceId,
        string source,
        byte[] file,
        object? options = null,
        TimeSpan? timeout = null
    )
    {
        var objectKey = await UploadAsync(client, workspaceId, file);
        var body = JsonSerializer.SerializeToNode(options ?? new { })!.AsObject();
        body["source"] = source;
        body["objectKey"] = objectKey;
        var started = await StartAsync(client, workspaceId, body);
        return await FinishedAsync(client, started.GetProperty("id").GetGuid(), timeout);
    }

    /// <summary>The workspace's projects and labels: what an import that failed must leave as they were.</summary>
    public static async Task<(int Projects, int Labels)> ContentsAsync(ApiClient client, Guid workspaceId) =>
        (
            (await client.GetAsync($"workspaces/{workspaceId}/projects")).GetProperty("items").GetArrayLength(),
            (await client.GetAsync($"workspaces/{workspaceId}/labels")).GetProperty("items").GetArrayLength()
        );

    /// <summary>Every task of a project (all pages).</summary>
    public static async Task<List<JsonElement>> TasksAsync(ApiClient client, Guid projectId)
    {
        var tasks = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await client.GetAsync(
                $"projects/{projectId}/tasks?limit=200" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}")
            );
            tasks.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (after is not null);
        return tasks;
    }
}
