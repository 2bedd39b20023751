using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;
using static Tasklane.Features.Exports.ExportTestKit;

namespace Tasklane.Features.Exports.CreateExport;

public class CreateExportTests
{
    [Test]
    public async Task A_json_export_holds_the_project_with_every_task_and_its_assignees_labels_comments_and_attachments()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Backend", color = "#112233" }))
            .GetProperty("id")
            .GetGuid();
        var first = (
            await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = "Ship \"v2\" ünïcode",
                    assigneeIds = new[] { owner.UserId },
                    labelIds = new[] { labelId },
                }
            )
        ).GetProperty("id").GetGuid();
        var second = (await owner.CreateTaskAsync(projectId, new { title = "Second" })).GetProperty("id").GetGuid();
        await owner.PostAsync($"tasks/{first}/comments", new { body = "Looks <b>good</b>\nto me" });
        var attachmentId = await AttachAsync(owner, first, RandomBytes(100), "spec.pdf");

        var (location, started) = await StartAsync(owner, projectId);
        var finished = await FinishedAsync(owner, started.GetProperty("id").GetGuid());
        using var file = JsonDocument.Parse(await DownloadAsync(finished));

        var root = file.RootElement;
        var tasks = root.GetProperty("tasks").EnumerateArray().ToList();
        var shipped = tasks.Single(t => t.GetProperty("id").GetGuid() == first);
        Assert.Multiple(() =>
        {
            Assert.That(location, Is.EqualTo($"/api/v1/exports/{started.GetProperty("id").GetGuid()}"));
            Assert.That(started.GetProperty("status").GetString(), Is.EqualTo("queued"));
            Assert.That(finished.GetProperty("progress").GetDouble(), Is.EqualTo(1));
            Assert.That(finished.GetProperty("taskCount").GetInt64(), Is.EqualTo(2));
            Assert.That(finished.GetProperty("fileName").GetString(), Does.Match(@"^tasklane-project-\d{8}-\d{6}\.json$"));
            Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("tasklane-export/1"));
            Assert.That(root.GetProperty("project").GetProperty("id").GetGuid(), Is.EqualTo(projectId));
            Assert.That(root.GetProperty("project").GetProperty("labels")[0].GetProperty("name").GetString(), Is.EqualTo("Backend"));
            Assert.That(tasks.Select(t => t.GetProperty("id").GetGuid()), Is.EqualTo(new[] { first, second }), "creation order");
            Assert.That(shipped.GetProperty("title").GetString(), Is.EqualTo("Ship \"v2\" ünïcode"));
            Assert.That(shipped.GetProperty("assignees")[0].GetProperty("email").GetString(), Is.EqualTo(owner.Email));
            Assert.That(shipped.GetProperty("labels")[0].GetString(), Is.EqualTo("Backend"));
            Assert.That(shipped.GetProperty("statusName").GetString(), Is.EqualTo("To do"));
            Assert.That(
                root.GetProperty("project").GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "To do", "In progress", "Done" })
            );
            Assert.That(shipped.GetProperty("comments")[0].GetProperty("body").GetString(), Is.EqualTo("Looks <b>good</b>\nto me"));
            Assert.That(
                shipped.GetProperty("attachments")[0].GetProperty("url").GetString(),
                Is.EqualTo($"/api/v1/attachments/{attachmentId}")
            );
            Assert.That(shipped.GetProperty("createdAt").GetString(), Does.EndWith("+00:00"), "UTC");
        });
    }

    [Test]
    public async Task A_viewer_may_export_but_a_bad_format_is_400_and_another_workspace_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");

        var (_, export) = await StartAsync(viewer, projectId, "csv");
        using var badFormat = await owner.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/exports", """{"format":"xlsx"}""");
        using var foreign = await stranger.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/exports", """{"format":"json"}""");
        using var strangerReads = await stranger.SendRawAsync(HttpMethod.Get, $"exports/{export.GetProperty("id").GetGuid()}");

        Assert.That(export.GetProperty("format").GetString(), Is.EqualTo("csv"));
        var problem = await badFormat.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("format")[0].GetString(), Does.Contain("json, csv"));
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        await strangerReads.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Asking_again_while_the_export_is_queued_returns_the_same_job()
    {
        // A database of its own and no worker: the first job stays queued.
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(services, withWorker: false);
        var owner = await ApiClient.SignUpAsync(hosts);
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        var (_, first) = await StartAsync(owner, projectId);
        var (_, again) = await StartAsync(owner, projectId);
        var (_, csv) = await StartAsync(owner, projectId, "csv");

        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("id").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()));
            Assert.That(
                csv.GetProperty("id").GetGuid(),
                Is.Not.EqualTo(first.GetProperty("id").GetGuid()),
                "another format is another file"
            );
        });
    }
}
