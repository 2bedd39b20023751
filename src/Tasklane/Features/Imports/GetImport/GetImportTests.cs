using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Imports.ImportTestKit;

namespace Tasklane.Features.Imports.GetImport;

public class GetImportTests
{
    [Test]
    public async Task A_dry_run_previews_what_would_be_created_and_creates_nothing()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Backend", color = "#112233" });
        var before = await ContentsAsync(owner, workspaceId);
        var csv =
            "id,title,status,priority,assignees,labels,parent_id,comments\r\n"
            + $"1,Parent,Open,High,{owner.Email},backend; Docs,,First comment\r\n"
            + "2,Child,Blocked,Sky-high,nobody@example.com,docs,1,\r\n"
            + ",,todo,,,,,\r\n";

        var finished = await ImportAsync(owner, workspaceId, "csv", csv, new { dryRun = true, skipBadRows = true });
        using var raw = await owner.SendRawAsync(HttpMethod.Get, $"imports/{finished.GetProperty("id").GetGuid()}");

        var after = await ContentsAsync(owner, workspaceId);
        var preview = finished.GetProperty("preview");
        Assert.Multiple(() =>
        {
            Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
            Assert.That(finished.GetProperty("dryRun").GetBoolean(), Is.True);
            Assert.That(finished.GetProperty("projectId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(finished.GetProperty("total").GetInt64(), Is.EqualTo(3));
            Assert.That(finished.GetProperty("created").GetInt64(), Is.Zero);
            Assert.That(preview.GetProperty("projects").GetInt32(), Is.EqualTo(1));
            Assert.That(preview.GetProperty("tasks").GetInt64(), Is.EqualTo(2));
            Assert.That(preview.GetProperty("subTasks").GetInt64(), Is.EqualTo(1));
            Assert.That(preview.GetProperty("comments").GetInt64(), Is.EqualTo(1));
            Assert.That(preview.GetProperty("labels").GetInt64(), Is.EqualTo(1), "Docs is new, backend is Backend");
            Assert.That(preview.GetProperty("badRows").GetInt64(), Is.EqualTo(1));
            Assert.That(preview.GetProperty("newLabels")[0].GetProperty("name").GetString(), Is.EqualTo("Docs"));
            Assert.That(preview.GetProperty("newLabels")[0].GetProperty("rows").GetInt64(), Is.EqualTo(2));
            Assert.That(preview.GetProperty("unmappedUsers")[0].GetProperty("name").GetString(), Is.EqualTo("nobody@example.com"));
            Assert.That(preview.GetProperty("unmappedStatuses")[0].GetProperty("name").GetString(), Is.EqualTo("Blocked"));
            Assert.That(preview.GetProperty("unmappedPriorities")[0].GetProperty("name").GetString(), Is.EqualTo("Sky-high"));
            Assert.That(finished.GetProperty("errors")[0].GetProperty("row").GetInt64(), Is.EqualTo(4), "the line the bad row is on");
            Assert.That(finished.GetProperty("errors")[0].GetProperty("reason").GetString(), Is.EqualTo("The title is empty."));
            Assert.That(raw.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(after, Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Another_workspace_and_a_member_cannot_read_the_job()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");
        var started = await StartAsync(
            owner,
            workspaceId,
            new
            {
                source = "csv",
                objectKey = await UploadAsync(owner, workspaceId, "title\r\nOne\r\n"),
                dryRun = true,
            }
        );
        var id = started.GetProperty("id").GetGuid();

        using var byStranger = await stranger.SendRawAsync(HttpMethod.Get, $"imports/{id}");
        using var byMember = await member.SendRawAsync(HttpMethod.Get, $"imports/{id}");
        using var unknown = await owner.SendRawAsync(HttpMethod.Get, $"imports/{Guid.CreateVersion7()}");

        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
