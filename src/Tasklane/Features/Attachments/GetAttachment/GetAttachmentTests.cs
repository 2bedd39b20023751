using System.Net;
using Amazon.Runtime;
using Amazon.S3;
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
            Assert.That(
                redirect.Headers.Location?.ToString(),
                Does.StartWith(TestEnvironment.Services.Configuration["Storage:ServiceUrl"]!)
            );
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
        Assert.That(
            ObjectStore.ContentDisposition("a \"b\" ü%.pdf"),
            Is.EqualTo("attachment; filename=\"a _b_ __.pdf\"; filename*=UTF-8''a%20%22b%22%20%C3%BC%25.pdf")
        );
    }

    [Test]
    public async Task Presigned_urls_use_the_public_store_address_when_one_is_configured()
    {
        var options = new StorageOptions
        {
            ServiceUrl = "http://minio:9000",
            PublicServiceUrl = "http://localhost:9000",
            AccessKey = "k",
            SecretKey = "s",
        };
        var store = new ObjectStore(StorageSetup.CreateClient(options), options);

        var put = await store.PresignPutAsync("a/b", "application/pdf", 10, DateTime.UtcNow.AddMinutes(5));
        var get = await store.PresignGetAsync("a/b", "b.pdf", "application/pdf", DateTime.UtcNow.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(put, Does.StartWith("http://localhost:9000/tasklane/a/b?"));
            Assert.That(get, Does.StartWith("http://localhost:9000/tasklane/a/b?"));
        });
    }

    [Test]
    public async Task The_longest_presigned_urls_fit_the_documented_maximum_and_longer_ones_are_refused()
    {
        var options = new StorageOptions
        {
            ServiceUrl = "http://127.0.0.1:59000",
            AccessKey = "tasklane",
            SecretKey = "s",
        };
        var store = new ObjectStore(StorageSetup.CreateClient(options), options);
        var key = AttachmentRules.ObjectKey(Guid.CreateVersion7(), Guid.CreateVersion7());
        // The widest inputs the API lets through: a stored name of 200 three-byte characters and a 200-character type.
        var name = new string('\u4e2d', AttachmentRules.FileNameMax);
        var type = "text/plain; x=\"" + new string('\u4e2d', AttachmentRules.ContentTypeMax - 16) + "\"";
        var expires = DateTime.UtcNow.AddDays(6);
        var get = await store.PresignGetAsync(key, name, type, expires);
        var put = await store.PresignPutAsync(key, type, long.MaxValue, expires);
        var tooLong = new StorageOptions
        {
            ServiceUrl = options.ServiceUrl,
            AccessKey = "k",
            SecretKey = "s",
            Bucket = new string('b', 3000),
        };
        var session = new ObjectStore(
            new AmazonS3Client(
                new SessionAWSCredentials("k", "s", new string('t', ObjectStore.PresignedUrlMax)),
                new AmazonS3Config
                {
                    ServiceURL = options.ServiceUrl,
                    ForcePathStyle = true,
                    AuthenticationRegion = options.Region,
                }
            ),
            options
        );

        Assert.Multiple(() =>
        {
            Assert.That(
                ObjectStore.LongestUrl(options),
                Is.LessThanOrEqualTo(ObjectStore.PresignedUrlMax),
                "the settings the tests and ./run.sh use"
            );
            Assert.That(
                get,
                Has.Length.LessThanOrEqualTo(ObjectStore.LongestUrl(options)).And.Length.GreaterThan(ObjectStore.LongestUrl(options) - 200),
                "the measure is the real worst case, not far above it"
            );
            Assert.That(put, Has.Length.LessThan(get.Length));
            Assert.That(ObjectStore.LongestUrl(tooLong), Is.GreaterThan(ObjectStore.PresignedUrlMax), "the bucket is part of every URL");
            Assert.That(
                ObjectStore.LongestUrl(new StorageOptions { Bucket = new string('b', 63) }),
                Is.LessThanOrEqualTo(ObjectStore.PresignedUrlMax),
                "AWS S3 with the longest bucket name and an access key from the default chain"
            );
            Assert.ThrowsAsync<InvalidOperationException>(
                () => session.PresignPutAsync(key, type, 1, expires),
                "a session token too long to fit"
            );
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(
                () => store.PresignGetAsync(key, name + "x", type, expires),
                "a caller's name over the limit"
            );
        });
    }
}
