using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses.CreateStatus;

public class CreateStatusTests
{
    [Test]
    public async Task Creates_a_status_at_the_end_of_the_board_with_location_and_etag()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync(
            $"projects/{projectId}/statuses",
            new
            {
                name = " Review ",
                color = "#AABBCC",
                category = "in_progress",
                wipLimit = 2,
            }
        );
        var statuses = await StatusesAsync(client, projectId);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(response.Headers.Location?.ToString(), Does.Match($"/api/v1/projects/{projectId}/statuses/[0-9a-f-]{{36}}$"));
            Assert.That(
                statuses.Select(s => s.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "To do", "In progress", "Done", "Review" })
            );
            Assert.That(statuses[3].GetProperty("color").GetString(), Is.EqualTo("#aabbcc"));
            Assert.That(statuses[3].GetProperty("wipLimit").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_name_taken_in_any_case_is_409_and_a_project_holds_at_most_30()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var duplicate = await client.Http.PostAsJsonAsync(
            $"projects/{projectId}/statuses",
            new
            {
                name = "DONE",
                color = "#000000",
                category = "done",
            }
        );
        for (var i = 3; i < StatusRules.MaxPerProject; i++)
        {
            await CreateStatusAsync(client, projectId, $"Step {i}");
        }

        var tooMany = await client.Http.PostAsJsonAsync(
            $"projects/{projectId}/statuses",
            new
            {
                name = "One more",
                color = "#000000",
                category = "todo",
            }
        );

        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        await tooMany.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("""{"color":"#ffffff","category":"todo"}""", "name")]
    [TestCase("""{"name":"x","color":"red","category":"todo"}""", "color")]
    [TestCase("""{"name":"x","color":"#ffffff"}""", "category")]
    [TestCase("""{"name":"x","color":"#ffffff","category":"blocked"}""", "category")]
    [TestCase("""{"name":"x","color":"#ffffff","category":"todo","wipLimit":0}""", "wipLimit")]
    public async Task Invalid_fields_are_400(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, $"projects/{projectId}/statuses", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_member_may_not_and_an_archived_project_is_read_only()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var body = new
        {
            name = "Review",
            color = "#000000",
            category = "in_progress",
        };

        var byMember = await member.Http.PostAsJsonAsync($"projects/{projectId}/statuses", body);
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        var archived = await owner.Http.PostAsJsonAsync($"projects/{projectId}/statuses", body);

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await archived.AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
