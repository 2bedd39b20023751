using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.CustomFields.GetCustomField;

public class GetCustomFieldTests
{
    [Test]
    public async Task A_viewer_reads_a_field_with_its_etag_and_anothers_workspace_is_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var otherWorkspace = await stranger.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        var field = await CreateFieldAsync(owner, workspaceId, "Stage", "multi_select", "Design", "Build");

        var read = await viewer.Http.GetAsync($"workspaces/{workspaceId}/custom-fields/{Id(field)}");
        var byStranger = await stranger.Http.GetAsync($"workspaces/{workspaceId}/custom-fields/{Id(field)}");
        var viaOtherWorkspace = await stranger.Http.GetAsync($"workspaces/{otherWorkspace}/custom-fields/{Id(field)}");

        Assert.Multiple(async () =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            var body = await read.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.That(OptionId(body, "Build"), Is.EqualTo(OptionId(field, "Build")));
        });
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        await viaOtherWorkspace.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
