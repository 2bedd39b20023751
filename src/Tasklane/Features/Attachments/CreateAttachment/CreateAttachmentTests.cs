using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.CreateAttachment;

public class CreateAttachmentTests
{
    private const long MiB = 1024 * 1024;

    [Test]
    public async Task Answers_a_presigned_put_url_and_records_a_pending_attachment()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, _, taskId) = await TaskAsync(client);

        var response = await client.Http.PostAsJsonAsync(
            $"tasks/{taskId}/attachments",
            new
            {
                fileName = "plan.pdf",
                contentType = "application/pdf",
                size = 1234,
            }
        );
        var upload = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = upload.GetProperty("attachmentId").GetGuid();
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var row = await db.QuerySingleAsync<(string Status, long Size, string ObjectKey)>(
            "select status, size, object_key as objectkey from attachments where id = @id",
            new { id }
        );

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/attachments/{id}"));
            Assert.That(
                upload.GetProperty("uploadUrl").GetString(),
                Does.StartWith(TestEnvironment.Services.Configuration["Storage:ServiceUrl"]!)
                    .And.Contain($"workspaces/{workspaceId}/attachments/{id}")
            );
            Assert.That(upload.GetProperty("uploadMethod").GetString(), Is.EqualTo("PUT"));
            Assert.That(
                upload.GetProperty("expiresAt").GetDateTime(),
                Is.EqualTo(DateTime.UtcNow.AddMinutes(15)).Within(TimeSpan.FromMinutes(1))
            );
            Assert.That(upload.GetProperty("attachment").GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(upload.GetProperty("attachment").TryGetProperty("objectKey", out _), Is.False, "the object key stays internal");
            Assert.That(row, Is.EqualTo(("pending", 1234L, $"workspaces/{workspaceId}/attachments/{id}")));
        });
        Assert.That(await ListedAsync(client, taskId), Is.Empty, "pending uploads are not listed");
    }

    /// <summary>
    /// The declared size is part of the upload URL's signature, so S3 and MinIO refuse a body of any other length
    /// (SignatureDoesNotMatch). s3rver checks no signature at all, so the test recomputes the SigV4 signature a
    /// verifying store would: it matches for the declared size and not for one byte more.
    /// </summary>
    [Test]
    public async Task The_upload_url_signs_the_declared_size_and_the_client_is_told_to_send_it()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);

        var upload = await StartAsync(client, taskId, 1234, "plan.pdf", "application/pdf");
        var url = new Uri(upload.GetProperty("uploadUrl").GetString()!);
        var query = url
            .Query.TrimStart('?')
            .Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
        var headers = upload.GetProperty("uploadHeaders");
        var secret = TestEnvironment.Services.Configuration["Storage:SecretKey"]!;

        Assert.Multiple(() =>
        {
            Assert.That(query["X-Amz-SignedHeaders"].Split(';'), Does.Contain("content-length").And.Contain("content-type"));
            Assert.That(headers.TryGetProperty("Content-Length", out var length) ? length.GetString() : null, Is.EqualTo("1234"));
            Assert.That(headers.GetProperty("Content-Type").GetString(), Is.EqualTo("application/pdf"));
            Assert.That(
                SigV4Signature(url, query, secret, "application/pdf", 1234),
                Is.EqualTo(query["X-Amz-Signature"]),
                "valid for the declared size"
            );
            Assert.That(
                SigV4Signature(url, query, secret, "application/pdf", 1235),
                Is.Not.EqualTo(query["X-Amz-Signature"]),
                "invalid for any other"
            );
        });
    }

    /// <summary>AWS Signature V4 of a presigned PUT as the store computes it from the request it receives.</summary>
    private static string SigV4Signature(Uri url, Dictionary<string, string> query, string secret, string contentType, long contentLength)
    {
        var sent = new Dictionary<string, string>
        {
            ["content-length"] = contentLength.ToString(CultureInfo.InvariantCulture),
            ["content-type"] = contentType,
            ["host"] = url.Authority,
        };
        var signed = query["X-Amz-SignedHeaders"].Split(';');
        var canonicalQuery = string.Join(
            '&',
            query
                .Where(p => p.Key != "X-Amz-Signature")
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")
        );
        var canonicalRequest = string.Join(
            '\n',
            "PUT",
            url.AbsolutePath,
            canonicalQuery,
            string.Concat(signed.Select(h => $"{h}:{sent[h]}\n")),
            string.Join(';', signed),
            "UNSIGNED-PAYLOAD"
        );
        var credential = query["X-Amz-Credential"].Split('/'); // key id / date / region / service / aws4_request
        var scope = string.Join('/', credential[1..]);
        var stringToSign =
            $"AWS4-HMAC-SHA256\n{query["X-Amz-Date"]}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in credential[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    [Test]
    public async Task Names_lose_path_parts_and_control_characters_and_are_cut_to_200_keeping_the_extension()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);

        var traversal = await StartAsync(client, taskId, 1, "../../etc\\sub/pa\u0001ss\nwd\u202e.txt ", "text/plain");
        var longName = await StartAsync(client, taskId, 1, new string('a', 300) + ".pdf");

        Assert.That(traversal.GetProperty("attachment").GetProperty("fileName").GetString(), Is.EqualTo("passwd.txt"));
        var cut = longName.GetProperty("attachment").GetProperty("fileName").GetString()!;
        Assert.That(cut, Has.Length.EqualTo(200).And.EndsWith("aaa.pdf"));
    }

    [Test]
    public async Task The_size_cap_is_inclusive_and_one_byte_more_is_413()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);

        await StartAsync(client, taskId, 100 * MiB);
        var response = await client.Http.PostAsJsonAsync(
            $"tasks/{taskId}/attachments",
            new
            {
                fileName = "big.zip",
                contentType = "application/zip",
                size = 100 * MiB + 1,
            }
        );

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [TestCase("{\"contentType\":\"application/pdf\",\"size\":1}", "fileName")]
    [TestCase("{\"fileName\":\"/\",\"contentType\":\"application/pdf\",\"size\":1}", "fileName")]
    [TestCase("{\"fileName\":\"..\",\"contentType\":\"application/pdf\",\"size\":1}", "fileName")]
    [TestCase("{\"fileName\":\"a.exe\",\"contentType\":\"application/x-msdownload\",\"size\":1}", "contentType")]
    [TestCase("{\"fileName\":\"a.html\",\"contentType\":\"text/html\",\"size\":1}", "contentType")]
    [TestCase("{\"fileName\":\"a.pdf\",\"contentType\":\"not a type\",\"size\":1}", "contentType")]
    [TestCase("{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\"}", "size")]
    [TestCase("{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":-1}", "size")]
    [TestCase("{\"fileName\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":\"big\"}", "size")]
    [TestCase("null", "body")]
    public async Task Invalid_bodies_are_400(string json, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);

        var response = await client.SendRawAsync(HttpMethod.Post, $"tasks/{taskId}/attachments", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_file_name_over_1024_characters_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);

        var response = await client.Http.PostAsJsonAsync(
            $"tasks/{taskId}/attachments",
            new
            {
                fileName = new string('a', 1025),
                contentType = "text/plain",
                size = 1,
            }
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "fileName");
    }

    [Test]
    public async Task A_viewer_gets_403_another_workspaces_user_404_and_an_archived_project_409()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId, taskId) = await TaskAsync(owner);
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var body = new
        {
            fileName = "a.pdf",
            contentType = "application/pdf",
            size = 1,
        };

        await (await viewer.Http.PostAsJsonAsync($"tasks/{taskId}/attachments", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Http.PostAsJsonAsync($"tasks/{taskId}/attachments", body)).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        await (await owner.Http.PostAsJsonAsync($"tasks/{taskId}/attachments", body)).AssertProblemAsync(HttpStatusCode.Conflict);

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        Assert.That(await db.ExecuteScalarAsync<long>("select count(*) from attachments where task_id = @taskId", new { taskId }), Is.Zero);
    }

    private static AttachmentSettings Settings(params (string Key, string Value)[] values) =>
        new(
            new ConfigurationBuilder()
                .AddInMemoryCollection(values.ToDictionary(v => "Attachments:" + v.Key, v => (string?)v.Value))
                .Build()
        );

    [Test]
    public void Settings_have_defaults_and_a_configured_type_list_replaces_the_default_one()
    {
        var defaults = Settings();
        var configured = Settings(("AllowedContentTypes:0", "image/png"), ("MaxBytes", "10"), ("PendingTimeoutMinutes", "0.05"));

        Assert.Multiple(() =>
        {
            Assert.That(defaults.MaxBytes, Is.EqualTo(100 * MiB));
            Assert.That(defaults.WorkspaceQuotaBytes, Is.EqualTo(10L * 1024 * MiB));
            Assert.That(defaults.ContentTypes, Does.Contain("application/pdf").And.Contain("image/png").And.Not.Contain("text/html"));
            Assert.That(configured.ContentTypes, Is.EqualTo(new[] { "image/png" }));
            Assert.That(configured.MaxBytes, Is.EqualTo(10));
            Assert.That(configured.PendingTimeoutMinutes, Is.EqualTo(0.05));
        });
    }

    [TestCase("Text/Plain; charset=utf-8", StatusCodes.Status200OK)]
    [TestCase("image/svg+xml", StatusCodes.Status400BadRequest)]
    public void Content_types_are_compared_without_parameters_or_case(string contentType, int status)
    {
        var problem = CreateAttachmentDecision.Check(new CreateAttachmentRequest("a.txt", contentType, 1), Settings());

        Assert.That(problem.Status ?? StatusCodes.Status200OK, Is.EqualTo(status));
    }

    [Test]
    public void Upload_header_values_stay_within_their_documented_maximum()
    {
        var request = new CreateAttachmentRequest(
            "a.txt",
            " text/plain; x=\"" + new string('y', AttachmentRules.ContentTypeMax - 18) + "\" ",
            long.MaxValue
        );
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Member);
        var settings = Settings(("MaxBytes", long.MaxValue.ToString(CultureInfo.InvariantCulture)));

        var (attachment, _, _) = CreateAttachmentDecision.Decide(Guid.NewGuid(), request, membership, settings, DateTime.UtcNow);
        var headers = CreateAttachmentDecision.UploadHeaders(attachment);

        Assert.Multiple(() =>
        {
            Assert.That(
                CreateAttachmentDecision.Check(request, settings).Status ?? StatusCodes.Status200OK,
                Is.EqualTo(StatusCodes.Status200OK),
                "the longest type passes"
            );
            Assert.That(headers["Content-Type"], Has.Length.EqualTo(AttachmentRules.ContentTypeMax - 2), "trimmed");
            Assert.That(headers.Values, Has.All.Length.LessThanOrEqualTo(CreateAttachmentDecision.UploadHeaderValueMax));
        });
    }

    [Test]
    public void The_quota_counts_what_is_used_plus_the_new_file()
    {
        var settings = Settings(("WorkspaceQuotaBytes", "100"));

        Assert.Multiple(() =>
        {
            Assert.That(CreateAttachmentDecision.OverQuota(60, 40, settings), Is.Null);
            Assert.That(CreateAttachmentDecision.OverQuota(60, 41, settings)?.Status, Is.EqualTo(StatusCodes.Status409Conflict));
        });
    }

    [Test]
    public void The_expiry_is_due_when_both_the_url_and_the_pending_timeout_have_run_out()
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Member);
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var request = new CreateAttachmentRequest("a.pdf", " application/pdf ", 5);

        var (attachment, urlExpiresAt, expiry) = CreateAttachmentDecision.Decide(
            Guid.NewGuid(),
            request,
            membership,
            Settings(("PendingTimeoutMinutes", "5"), ("UploadUrlMinutes", "15")),
            now
        );

        Assert.Multiple(() =>
        {
            Assert.That(urlExpiresAt, Is.EqualTo(now.AddMinutes(15)));
            Assert.That(expiry.OccurredAt, Is.EqualTo(now.AddMinutes(15)));
            Assert.That(expiry.AttachmentId, Is.EqualTo(attachment.Id));
            Assert.That(attachment.ContentType, Is.EqualTo("application/pdf"));
            Assert.That(attachment.ObjectKey, Is.EqualTo($"workspaces/{membership.WorkspaceId}/attachments/{attachment.Id}"));
        });
    }
}

/// <summary>The workspace quota, on an API host configured with a quota of 1000 bytes.</summary>
[NonParallelizable]
public class CreateAttachmentQuotaTests
{
    private TasklaneHosts _hosts = null!;

    [OneTimeSetUp]
    public async Task StartHostsAsync() =>
        _hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?> { ["Attachments:WorkspaceQuotaBytes"] = "1000" }
        );

    [OneTimeTearDown]
    public async Task StopHostsAsync() => await _hosts.DisposeAsync();

    [Test]
    public async Task Pending_and_ready_uploads_count_against_the_quota_and_deleting_frees_it()
    {
        var client = await ApiClient.SignUpAsync(_hosts);
        var (_, _, taskId) = await TaskAsync(client);
        var (_, _, otherWorkspacesTaskId) = await TaskAsync(client);

        var pending = await StartAsync(client, taskId, 600);
        var full = await client.Http.PostAsJsonAsync(
            $"tasks/{taskId}/attachments",
            new
            {
                fileName = "b.pdf",
                contentType = "application/pdf",
                size = 401,
            }
        );
        await StartAsync(client, otherWorkspacesTaskId, 1000); // quotas are per workspace
        await StartAsync(client, taskId, 400); // exactly fills it
        await client.Http.DeleteAsync($"attachments/{pending.GetProperty("attachmentId").GetGuid()}");
        await StartAsync(client, taskId, 600);

        var problem = await full.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("quota"));
    }
}
