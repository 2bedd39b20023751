using System.Net;
using NUnit.Framework;
using Tasklane.Infrastructure.Storage;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.GetAttachment;

public class GetAttachmentTests
{
    [Test]
    public async Task Redirects_to_a_short_lived_url_that_serves_the_uploaded_bytes_exactly()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var (workspaceId, _, taskId) = await TaskAsync(owner);
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        // Over 64 KiB, so the aws-chunked framing s3rver would store with SDK defaults could not go unnoticed.
        var bytes = RandomBytes(300_000);
        var id = await AttachAsync(owner, taskId, bytes, "Quarterly report.pdf");

        using var http = NoRedirects(viewer);
        using var redirect = await http.GetAsync($"attachments/{id}");
        using var download = await DownloadAsync(viewer, id);
        var downloaded = await download.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            Assert.That(redirect.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(redirect.Headers.Location?.ToString(), Does.StartWith(TestEnvironment.Services.Configuration["Storage:ServiceUrl"]!));
            Assert.That(redirect.Headers.Location?.Query, Does.Match("X-Amz-Expires=(299|300|301)&"), "valid for the configured 5 minutes");
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(downloaded, Is.EqualTo(bytes), "byte for byte");
        });
    }

    [Test]
    public async Task A_pending_upload_is_409_and_another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(owner);
        var pendingId = (await StartAsync(owner, taskId, 10)).GetProperty("attachmentId").GetGuid();
        var readyId = await AttachAsync(owner, taskId, RandomBytes(10));

        using var ownerHttp = NoRedirects(owner);
        using var strangerHttp = NoRedirects(stranger);
        await (await ownerHttp.GetAsync($"attachments/{pendingId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await strangerHttp.GetAsync($"attachments/{readyId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await ownerHttp.GetAsync($"attachments/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public void The_download_name_has_an_ascii_fallback_and_the_exact_utf8_name()
    {
        Assert.That(ObjectStore.ContentDisposition("a \"b\" ü%.pdf"),
            Is.EqualTo("attachment; filename=\"a _b_ __.pdf\"; filename*=UTF-8''a%20%22b%22%20%C3%BC%25.pdf"));
    }

    [Test]
    public async Task Presigned_urls_use_the_public_store_address_when_one_is_configured()
    {
        var options = new StorageOptions { ServiceUrl = "http://minio:9000", PublicServiceUrl = "http://localhost:9000", AccessKey = "k", SecretKey = "s" };
        var store = new ObjectStore(StorageSetup.CreateClient(options), options);

        var put = await store.PresignPutAsync("a/b", "application/pdf", 10, DateTime.UtcNow.AddMinutes(5));
        var get = await store.PresignGetAsync("a/b", "b.pdf", "application/pdf", DateTime.UtcNow.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(put, Does.StartWith("http://localhost:9000/tasklane/a/b?"));
            Assert.That(get, Does.StartWith("http://localhost:9000/tasklane/a/b?"));
        });
    }
}
