using System.Net;
using NUnit.Framework;
using Tasklane.Features.Exports.RunExport;
using Tasklane.Tests.Support;
using static Tasklane.Features.Exports.ExportTestKit;

namespace Tasklane.Features.Exports.GetExport;

public class GetExportTests
{
    [Test]
    public async Task A_csv_export_has_a_header_and_one_quoted_row_per_task_and_is_never_cached()
    {
        var owner = await ApiClient.SignUpAsync();
        var projectId = await owner.CreateProjectAsync(await owner.CreateWorkspaceAsync(), "Website Relaunch!");
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Fix, then \"ship\"", description = "=HYPERLINK(\"x\")" }))
            .GetProperty("id")
            .GetGuid();
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "line one\nline two" });

        var (_, started) = await StartAsync(owner, projectId, "csv");
        var finished = await FinishedAsync(owner, started.GetProperty("id").GetGuid());
        var csv = await DownloadAsync(finished);
        using var raw = await owner.SendRawAsync(HttpMethod.Get, $"exports/{started.GetProperty("id").GetGuid()}");

        var lines = csv.Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(
                lines[0],
                Is.EqualTo(
                    "id,title,description,status,priority,assignees,labels,start_at,due_at,estimate_minutes,parent_id,created_by,created_at,updated_at,comments,attachments,custom_fields"
                )
            );
            Assert.That(
                lines[1],
                Does.StartWith($"{taskId},\"Fix, then \"\"ship\"\"\",\"'=HYPERLINK(\"\"x\"\")\",todo,normal,,,,,,,{owner.Email},")
            );
            Assert.That(csv, Does.Contain(":\nline one\nline two\""), "a multi-line comment stays in one quoted field");
            Assert.That(finished.GetProperty("fileName").GetString(), Does.Match(@"^tasklane-website-relaunch-\d{8}-\d{6}\.csv$"));
            Assert.That(raw.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    [Test]
    public async Task An_unknown_export_is_404()
    {
        var owner = await ApiClient.SignUpAsync();
        using var response = await owner.SendRawAsync(HttpMethod.Get, $"exports/{Guid.CreateVersion7()}");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase(null, "")]
    [TestCase("plain", "plain")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("two\nlines", "\"two\nlines\"")]
    [TestCase("-1", "'-1")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("+1,2", "\"'+1,2\"")]
    public void Csv_fields_are_quoted_when_needed_and_never_run_as_formulas(string? value, string expected) =>
        Assert.That(CsvFile.Field(value), Is.EqualTo(expected));
}
