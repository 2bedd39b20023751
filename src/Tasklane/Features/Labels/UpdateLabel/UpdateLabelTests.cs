using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Labels.UpdateLabel;

public class UpdateLabelTests
{
    private static async Task<(ApiClient Client, Guid WorkspaceId, Guid LabelId)> LabelAsync()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var label = await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" });
        return (client, workspaceId, label.GetProperty("id").GetGuid());
    }

    [Test]
    public async Task Renames_and_recolours_with_a_new_version()
    {
        var (client, _, labelId) = await LabelAsync();

        var response = await client.SendRawAsync(
            HttpMethod.Patch,
            $"labels/{labelId}",
            """{"name":"Defect","color":"#00FF00"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var label = await client.GetAsync($"labels/{labelId}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(label.GetProperty("name").GetString(), Is.EqualTo("Defect"));
            Assert.That(label.GetProperty("color").GetString(), Is.EqualTo("#00ff00"));
        });
    }

    [Test]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var (client, _, labelId) = await LabelAsync();
        await client.PatchAsync($"labels/{labelId}", new { color = "#000000" });

        var stale = await client.SendRawAsync(
            HttpMethod.Patch,
            $"labels/{labelId}",
            """{"name":"Lost"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((await client.GetAsync($"labels/{labelId}")).GetProperty("name").GetString(), Is.EqualTo("Bug"));
    }

    [Test]
    public async Task A_name_another_label_has_is_409()
    {
        var (client, workspaceId, labelId) = await LabelAsync();
        await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Feature", color = "#0000ff" });

        var response = await client.SendRawAsync(HttpMethod.Patch, $"labels/{labelId}", """{"name":"FEATURE"}""");

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("""{"color":"blue"}""", "color")]
    [TestCase("""{"name":""}""", "name")]
    [TestCase("""{"name":42}""", "name")]
    public async Task Invalid_fields_are_400(string body, string field)
    {
        var (client, _, labelId) = await LabelAsync();

        await (await client.SendRawAsync(HttpMethod.Patch, $"labels/{labelId}", body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_users_label_is_not_found_and_unchanged()
    {
        var (owner, _, labelId) = await LabelAsync();
        var stranger = await ApiClient.SignUpAsync();

        await (await stranger.SendRawAsync(HttpMethod.Patch, $"labels/{labelId}", """{"name":"pwned"}""")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        Assert.That((await owner.GetAsync($"labels/{labelId}")).GetProperty("name").GetString(), Is.EqualTo("Bug"));
    }
}
