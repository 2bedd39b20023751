using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Exports.ExportTestKit;

namespace Tasklane.Features.Exports.ExpireExport;

public class ExpireExportTests
{
    [Test]
    public async Task After_its_retention_an_exports_file_is_deleted_and_the_job_says_expired()
    {
        // Own database: the run's shared worker would apply the default retention of a week.
        await using var services = await TestEnvironment.Services.WithNewDatabaseAsync();
        await TasklaneHosts.MigrateAsync(services);
        await using var hosts = await TasklaneHosts.StartAsync(
            services,
            settings: new Dictionary<string, string?> { ["Exports:RetentionHours"] = "0.0005" }
        );
        var owner = await ApiClient.SignUpAsync(hosts);
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.CreateTaskAsync(projectId);

        var (_, started) = await StartAsync(owner, projectId);
        var exportId = started.GetProperty("id").GetGuid();
        var finished = await FinishedAsync(owner, exportId);
        await DownloadAsync(finished);
        var expired = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"exports/{exportId}"),
            e => e.GetProperty("status").GetString() == "expired",
            TimeSpan.FromSeconds(30)
        );
        using var plain = new HttpClient();
        using var gone = await plain.GetAsync(finished.GetProperty("downloadUrl").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(expired.GetProperty("status").GetString(), Is.EqualTo("expired"));
            Assert.That(expired.GetProperty("downloadUrl").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the object was deleted");
        });
    }
}
