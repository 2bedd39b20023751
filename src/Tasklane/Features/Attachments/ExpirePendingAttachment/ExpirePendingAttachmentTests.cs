using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.ExpirePendingAttachment;

/// <summary>
/// Uploads started on an API host configured with a 3-second pending timeout; the run's worker cleans them up.
/// </summary>
[NonParallelizable]
public class ExpirePendingAttachmentTests
{
    private TasklaneHosts _hosts = null!;

    [OneTimeSetUp]
    public async Task StartHostsAsync() =>
        _hosts = await TasklaneHosts.StartAsync(
            TestEnvironment.Services,
            withWorker: false,
            settings: new Dictionary<string, string?>
            {
                ["Attachments:PendingTimeoutMinutes"] = "0.05",
                ["Attachments:UploadUrlMinutes"] = "0.05",
            }
        );

    [OneTimeTearDown]
    public async Task StopHostsAsync() => await _hosts.DisposeAsync();

    [Test]
    public async Task An_upload_never_completed_is_deleted_with_its_object_and_a_completed_one_is_kept()
    {
        var client = await ApiClient.SignUpAsync(_hosts);
        var (workspaceId, _, taskId) = await TaskAsync(client);
        var abandoned = await StartAsync(client, taskId, 10);
        await PutAsync(abandoned, RandomBytes(10));
        var abandonedId = abandoned.GetProperty("attachmentId").GetGuid();
        var keptId = await AttachAsync(client, taskId, RandomBytes(10));

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var remaining = await ApiClient.EventuallyAsync(
            () => db.ExecuteScalarAsync<long>("select count(*) from attachments where id = @abandonedId", new { abandonedId }),
            count => count == 0,
            TimeSpan.FromSeconds(40)
        );

        Assert.That(remaining, Is.Zero, "the pending row is gone");
        Assert.That(await ObjectExistsAsync(workspaceId, abandonedId), Is.False, "and so is what was uploaded");
        await Task.Delay(1000); // the kept attachment's expiry is due by now too
        Assert.That(await ListedAsync(client, taskId), Is.EqualTo(new[] { keptId }));
        Assert.That(await ObjectExistsAsync(workspaceId, keptId), Is.True);
    }
}
