using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Relations.RemoveRelation;

public class RemoveRelationTests
{
    [Test]
    public async Task Removing_through_either_task_removes_it_for_both_and_a_second_remove_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var a = (await owner.CreateTaskAsync(projectId, new { title = "A" })).GetProperty("id").GetGuid();
        var b = (await owner.CreateTaskAsync(projectId, new { title = "B" })).GetProperty("id").GetGuid();
        var c = (await owner.CreateTaskAsync(projectId, new { title = "C" })).GetProperty("id").GetGuid();
        var relation = (await owner.PostAsync($"tasks/{a}/relations", new { type = "blocks", taskId = b })).GetProperty("id").GetGuid();

        await (await owner.Http.DeleteAsync($"tasks/{c}/relations/{relation}")).AssertProblemAsync(HttpStatusCode.NotFound);
        using (var removed = await owner.Http.DeleteAsync($"tasks/{b}/relations/{relation}"))
        {
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await (await owner.Http.DeleteAsync($"tasks/{a}/relations/{relation}")).AssertProblemAsync(HttpStatusCode.NotFound);
        // The way back is open again: no cycle is left.
        await owner.PostAsync($"tasks/{b}/relations", new { type = "blocks", taskId = a });

        Assert.That(
            (await owner.GetAsync($"tasks/{a}/relations")).GetProperty("items").EnumerateArray().Single().GetProperty("type").GetString(),
            Is.EqualTo("blocked_by")
        );
    }
}
