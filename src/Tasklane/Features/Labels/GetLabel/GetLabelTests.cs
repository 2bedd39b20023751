using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Labels.GetLabel;

public class GetLabelTests
{
    [Test]
    public async Task Another_users_label_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "x", color = "#ffffff" }))
            .GetProperty("id")
            .GetGuid();

        await (await stranger.Http.GetAsync($"labels/{labelId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var mine = await owner.GetAsync($"labels/{labelId}");
        Assert.That(mine.GetProperty("name").GetString(), Is.EqualTo("x"));
    }
}
