using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Exports;

/// <summary>Helpers for the export tests.</summary>
public static class ExportTestKit
{
    private static readonly HttpClient Plain = new();

    /// <summary>POSTs the export; the 202's Location and body.</summary>
    public static async Task<(string Location, JsonElement Export)> StartAsync(ApiClient client, Guid projectId, string? format = "json")
    {
        using var response = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/exports",
            JsonSerializer.Serialize(new { format })
        );
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        return (response.Headers.Location!.ToString(), JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Polls the job until it has left queued/running.</summary>
    public static Task<JsonElement> FinishedAsync(ApiClient client, Guid exportId, TimeSpan? timeout = null) =>
        ApiClient.EventuallyAsync(
            () => client.GetAsync($"exports/{exportId}"),
            e => e.GetProperty("status").GetString() is not ("queued" or "running"),
            timeout ?? TimeSpan.FromSeconds(30)
        );

    /// <summary>Fetches the finished file from its presigned URL, as a browser or the CLI would (no API token).</summary>
    public static async Task<string> DownloadAsync(JsonElement export)
    {
        Assert.That(export.GetProperty("status").GetString(), Is.EqualTo("succeeded"), export.ToString());
        using var response = await Plain.GetAsync(export.GetProperty("downloadUrl").GetString());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
