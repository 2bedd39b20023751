using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Tasklane.Infrastructure.Storage;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Attachments;

/// <summary>
/// Helpers for the attachment tests.
/// Uploads and downloads go through plain HttpClients, as a browser would: no SDK, no API token.
/// </summary>
public static class AttachmentTestKit
{
    private static readonly HttpClient Plain = new();

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A new task in a new workspace of <paramref name="owner"/>.</summary>
    public static async Task<(Guid WorkspaceId, Guid ProjectId, Guid TaskId)> TaskAsync(ApiClient owner)
    {
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        return (workspaceId, projectId, (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid());
    }

    public static Task<JsonElement> StartAsync(
        ApiClient client,
        Guid taskId,
        long size,
        string fileName = "report.pdf",
        string contentType = "application/pdf"
    ) =>
        client.PostAsync(
            $"tasks/{taskId}/attachments",
            new
            {
                fileName,
                contentType,
                size,
            }
        );

    /// <summary>PUTs the bytes to the presigned URL with the headers the API asked for.</summary>
    public static async Task PutAsync(JsonElement upload, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString())
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(
            upload.GetProperty("uploadHeaders").GetProperty("Content-Type").GetString()!
        );
        using var response = await Plain.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Start, upload and complete: a ready attachment's id.</summary>
    public static async Task<Guid> AttachAsync(
        ApiClient client,
        Guid taskId,
        byte[] bytes,
        string fileName = "report.pdf",
        string contentType = "application/pdf"
    )
    {
        var upload = await StartAsync(client, taskId, bytes.Length, fileName, contentType);
        await PutAsync(upload, bytes);
        var id = upload.GetProperty("attachmentId").GetGuid();
        await client.PostAsync($"attachments/{id}/complete", null, HttpStatusCode.OK);
        return id;
    }

    /// <summary>The caller's API client that shows redirects instead of following them.</summary>
    public static HttpClient NoRedirects(ApiClient client, TasklaneHosts? hosts = null)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = (hosts ?? TestEnvironment.Hosts).CreateClient().BaseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        return http;
    }

    /// <summary>Follows GET /attachments/{id}'s redirect with a plain client: the downloaded bytes and headers.</summary>
    public static async Task<HttpResponseMessage> DownloadAsync(ApiClient client, Guid attachmentId)
    {
        using var http = NoRedirects(client);
        using var redirect = await http.GetAsync($"attachments/{attachmentId}");
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Found), await redirect.Content.ReadAsStringAsync());
        return await Plain.GetAsync(redirect.Headers.Location);
    }

    /// <summary>Whether the object store holds the attachment's object, asked through the API host's own client.</summary>
    public static async Task<bool> ObjectExistsAsync(Guid workspaceId, Guid attachmentId)
    {
        var services = TestEnvironment.Hosts.Api.Services;
        var options = services.GetRequiredService<StorageOptions>();
        try
        {
            await services
                .GetRequiredService<IAmazonS3>()
                .GetObjectMetadataAsync(
                    new GetObjectMetadataRequest { BucketName = options.Bucket, Key = AttachmentRules.ObjectKey(workspaceId, attachmentId) }
                );
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public static async Task<List<Guid>> ListedAsync(ApiClient client, Guid taskId) =>
        (await client.GetAsync($"tasks/{taskId}/attachments"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(a => a.GetProperty("id").GetGuid())
            .ToList();
}
