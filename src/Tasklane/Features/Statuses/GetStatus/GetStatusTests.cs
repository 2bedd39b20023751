using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses.GetStatus;

public class GetStatusTests
{
    [Test]
    public async Task Gets_a_status_with_its_etag_but_not_through_another_project()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var otherProject = await client.CreateProjectAsync(workspaceId, "Other");
        var statusId = await CreateStatusAsync(client, projectId, "Review", wipLimit: 3);

        var response = await client.Http.GetAsync($"projects/{projectId}/statuses/{statusId}");
        var status = await client.GetAsync($"projects/{projectId}/statuses/{statusId}");
        var elsewhere = await client.Http.GetAsync($"projects/{otherProject}/statuses/{statusId}");

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(status.GetProperty("name").GetString(), Is.EqualTo("Review"));
            Assert.That(status.GetProperty("wipLimit").GetInt32(), Is.EqualTo(3));
        });
        await elsewhere.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
