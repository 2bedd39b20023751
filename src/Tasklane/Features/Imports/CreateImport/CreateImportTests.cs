using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Imports.ImportTestKit;

namespace Tasklane.Features.Imports.CreateImport;

public class CreateImportTests
{
    private const string Csv = "title,status\r\nFirst,todo\r\n";

    [Test]
    public async Task Answers_202_with_a_queued_job_to_poll()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var objectKey = await UploadAsync(owner, workspaceId, Csv);

        var started = await StartAsync(owner, workspaceId, new { source = "csv", objectKey });
        var finished = await FinishedAsync(owner, started.GetProperty("id").GetGuid());

        Assert.Multiple(() =>
        {
            Assert.That(started.GetProperty("status").GetString(), Is.EqualTo("queued"));
            Assert.That(started.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
            Assert.That(started.GetProperty("dryRun").GetBoolean(), Is.False);
            Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
            Assert.That(finished.GetProperty("projectId").GetGuid(), Is.EqualTo(started.GetProperty("projectId").GetGuid()));
            Assert.That(finished.GetProperty("processed").GetInt64(), Is.EqualTo(1));
            Assert.That(finished.GetProperty("total").GetInt64(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unknown_source_a_foreign_or_missing_object_and_a_bad_mapping_are_400()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var otherWorkspace = await owner.CreateWorkspaceAsync();
        var objectKey = await UploadAsync(owner, workspaceId, Csv);
        var foreignKey = await UploadAsync(owner, otherWorkspace, Csv);

        async Task<JsonElement> RefusedAsync(object body, params string[] fields)
        {
            using var response = await owner.SendRawAsync(
                HttpMethod.Post,
                $"workspaces/{workspaceId}/imports",
                JsonSerializer.Serialize(body)
            );
            return await response.AssertProblemAsync(HttpStatusCode.BadRequest, fields);
        }

        var unknown = await RefusedAsync(new { source = "asana", objectKey }, "source");
        await RefusedAsync(new { source = "csv", objectKey = foreignKey }, "objectKey");
        await RefusedAsync(
            new { source = "csv", objectKey = $"workspaces/{workspaceId}/exports/{Guid.CreateVersion7()}.json" },
            "objectKey"
        );
        var missing = await RefusedAsync(
            new { source = "csv", objectKey = $"workspaces/{workspaceId}/imports/{Guid.CreateVersion7()}" },
            "objectKey"
        );
        await RefusedAsync(
            new
            {
                source = "csv",
                objectKey,
                mapping = new { statuses = new Dictionary<string, string> { ["Blocked"] = "stuck" } },
            },
            "mapping.statuses.Blocked"
        );
        await RefusedAsync(
            new
            {
                source = "csv",
                objectKey,
                mapping = new { columns = new Dictionary<string, string> { ["colour"] = "Color" } },
            },
            "mapping.columns.colour"
        );

        Assert.Multiple(() =>
        {
            Assert.That(unknown.ErrorsOf("source")[0], Does.Contain("tasklane, csv, jira"));
            Assert.That(missing.ErrorsOf("objectKey")[0], Does.Contain("No file was uploaded"));
        });
    }

    [Test]
    public async Task Only_admins_and_owners_import_and_a_stranger_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var objectKey = await UploadAsync(owner, workspaceId, Csv);
        var body = JsonSerializer.Serialize(new { source = "csv", objectKey });

        using var byMember = await member.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/imports", body);
        using var byStranger = await stranger.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/imports", body);

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
