using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.UpdateProject;

public class UpdateProjectTests
{
    [Test]
    public async Task Renames_and_bumps_the_version()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.SendRawAsync(
            HttpMethod.Patch,
            $"projects/{projectId}",
            """{"name":" Relaunch ","description":"2027"}"""
        );
        var project = await client.GetAsync($"projects/{projectId}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(project.GetProperty("name").GetString(), Is.EqualTo("Relaunch"));
            Assert.That(project.GetProperty("description").GetString(), Is.EqualTo("2027"));
            Assert.That(project.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_null_description_clears_it_and_the_name_stays()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var projectId = (await client.PostAsync($"workspaces/{workspaceId}/projects", new { name = "Site", description = "old" }))
            .GetProperty("id")
            .GetGuid();

        var project = await client.PatchAsync($"projects/{projectId}", new { description = (string?)null });

        Assert.Multiple(() =>
        {
            Assert.That(project.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(project.GetProperty("name").GetString(), Is.EqualTo("Site"));
        });
    }

    [Test]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.PatchAsync($"projects/{projectId}", new { name = "Second" });

        var stale = await client.SendRawAsync(
            HttpMethod.Patch,
            $"projects/{projectId}",
            """{"name":"Lost"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var current = await client.SendRawAsync(
            HttpMethod.Patch,
            $"projects/{projectId}",
            """{"name":"Third"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\"")
        );

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync($"projects/{projectId}")).GetProperty("name").GetString(), Is.EqualTo("Third"));
    }

    [TestCase("""{"name":""}""", "name")]
    [TestCase("""{"name":null}""", "name")]
    [TestCase("""{"name":5}""", "name")]
    [TestCase("""{"description":[]}""", "description")]
    [TestCase("""{"colour":"red"}""", "colour")]
    [TestCase("""[]""", "body")]
    [TestCase("""{"name":"a\ud800b"}""", "name")]
    [TestCase("""{"description":"\udc00\ud800"}""", "description")]
    [TestCase("""{"na\udc00me":"x"}""", "body")]
    public async Task Invalid_patches_name_the_field(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        await (await client.SendRawAsync(HttpMethod.Patch, $"projects/{projectId}", body)).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            field
        );
    }

    [Test]
    public async Task Over_long_names_and_malformed_if_match_are_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var longName = await client.Http.PatchAsJsonAsync($"projects/{projectId}", new { name = new string('n', 101) });
        var badIfMatch = await client.SendRawAsync(
            HttpMethod.Patch,
            $"projects/{projectId}",
            """{"name":"x"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "yesterday")
        );

        await longName.AssertProblemAsync(HttpStatusCode.BadRequest, "name");
        await badIfMatch.AssertProblemAsync(HttpStatusCode.BadRequest, "If-Match");
    }

    [Test]
    public async Task A_member_may_not_and_a_stranger_cannot_see_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "insert into workspace_members values (@workspaceId, @userId, 'member', now())",
                new { workspaceId, userId = member.UserId }
            );
        }

        await (await member.Http.PatchAsJsonAsync($"projects/{projectId}", new { name = "Mine" })).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        await (await stranger.Http.PatchAsJsonAsync($"projects/{projectId}", new { name = "Mine" })).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        Assert.That((await owner.GetAsync($"projects/{projectId}")).GetProperty("name").GetString(), Is.EqualTo("Project"));
    }

    [Test]
    public async Task An_archived_project_cannot_be_renamed()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);

        await (await client.Http.PatchAsJsonAsync($"projects/{projectId}", new { name = "Renamed" })).AssertProblemAsync(
            HttpStatusCode.Conflict
        );
    }

    [Test]
    public void The_decision_announces_each_changed_field_and_nothing_for_no_change()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var current = new ProjectRow(Guid.NewGuid(), Guid.NewGuid(), "Old", "text", 3, null, null, now);

        var renamed = UpdateProjectDecision.Decide(current, new UpdateProjectRequest { Name = "New" }, Guid.NewGuid(), now);
        var same = UpdateProjectDecision.Decide(
            current,
            new UpdateProjectRequest { Name = "Old", Description = "text" },
            Guid.NewGuid(),
            now
        );

        Assert.Multiple(() =>
        {
            Assert.That(renamed.Next.Version, Is.EqualTo(4));
            Assert.That(renamed.Next.Description, Is.EqualTo("text"));
            Assert.That(renamed.Events.Single(), Is.TypeOf<ProjectRenamed>());
            Assert.That(((ProjectRenamed)renamed.Events[0]).From, Is.EqualTo("Old"));
            Assert.That(same.Events, Is.Empty);
            Assert.That(same.Next.Version, Is.EqualTo(3));
        });
    }

    [Test]
    public void Patch_parsing_tells_absent_from_null()
    {
        var patch = JsonSerializer.Deserialize<UpdateProjectRequest>("""{"description":null}""", JsonSerializerOptions.Web)!;
        var malformed = JsonSerializer.Deserialize<UpdateProjectRequest>("""{"name":5,"description":"text"}""", JsonSerializerOptions.Web)!;

        Assert.Multiple(() =>
        {
            Assert.That(patch.Validate().Any, Is.False);
            Assert.That(patch, Is.EqualTo(new UpdateProjectRequest { Description = null }));
            Assert.That(patch.Name.IsPresent, Is.False);
            Assert.That(patch.Description.IsNull, Is.True);
            Assert.That(malformed.Name.IsMalformed, Is.True);
            Assert.That(malformed.Description.Value, Is.EqualTo("text"), "one malformed field does not stop the others being read");
            Assert.That(malformed.Validate().Any, Is.True);
        });
    }
}
