using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.CustomFields.ListCustomFields;

public class ListCustomFieldsTests
{
    [Test]
    public async Task Lists_a_workspaces_fields_in_order_only_to_its_members()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var other = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        await CreateFieldAsync(owner, workspaceId, "Estimate", "number");
        await CreateFieldAsync(owner, workspaceId, "Due on", "date");
        await CreateFieldAsync(owner, other, "Elsewhere", "text");

        var list = await viewer.GetAsync($"workspaces/{workspaceId}/custom-fields");
        var byStranger = await stranger.Http.GetAsync($"workspaces/{workspaceId}/custom-fields");

        Assert.That(
            list.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Estimate", "Due on" })
        );
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
