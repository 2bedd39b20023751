using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Imports.CreateImportUpload;

public class CreateImportUploadTests
{
    [Test]
    public async Task An_admin_gets_a_presigned_put_for_a_key_of_the_workspace()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await admin.JoinWorkspaceAsync(workspaceId, "admin");

        var upload = await admin.PostAsync($"workspaces/{workspaceId}/imports/uploads", new { size = 1234 }, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(upload.GetProperty("objectKey").GetString(), Does.Match($"^workspaces/{workspaceId}/imports/[0-9a-f-]{{36}}$"));
            Assert.That(upload.GetProperty("uploadMethod").GetString(), Is.EqualTo("PUT"));
            Assert.That(upload.GetProperty("uploadUrl").GetString(), Does.StartWith("http"));
            Assert.That(upload.GetProperty("uploadHeaders").GetProperty("Content-Length").GetString(), Is.EqualTo("1234"));
        });
    }

    [Test]
    public async Task A_member_is_403_a_stranger_404_and_a_file_over_the_limit_413()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId, "member");

        using var byMember = await member.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/imports/uploads", """{"size":10}""");
        using var byStranger = await stranger.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/imports/uploads", """{"size":10}""");
        using var tooLarge = await owner.SendRawAsync(
            HttpMethod.Post,
            $"workspaces/{workspaceId}/imports/uploads",
            """{"size":1099511627776}"""
        );
        using var noSize = await owner.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/imports/uploads", "{}");

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        var problem = await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("at most 1073741824 bytes"));
        await noSize.AssertProblemAsync(HttpStatusCode.BadRequest, "size");
    }
}
