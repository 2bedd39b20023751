using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.CustomFields.CreateCustomField;

public class CreateCustomFieldTests
{
    [Test]
    public async Task Creates_a_field_with_new_option_ids_location_and_etag()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/custom-fields",
            new
            {
                name = " Severity ",
                type = "single_select",
                options = new[] { new { name = "Low" }, new { name = " High " } },
            }
        );
        var field = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var estimate = await CreateFieldAsync(client, workspaceId, "Estimate", "number");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(response.Headers.Location?.ToString(), Does.Match($"/api/v1/workspaces/{workspaceId}/custom-fields/{Id(field)}$"));
            Assert.That(field.GetProperty("name").GetString(), Is.EqualTo("Severity"));
            Assert.That(field.GetProperty("type").GetString(), Is.EqualTo("single_select"));
            Assert.That(
                field.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Low", "High" })
            );
            Assert.That(OptionId(field, "Low"), Is.Not.EqualTo(OptionId(field, "High")));
            Assert.That(estimate.GetProperty("options").GetArrayLength(), Is.Zero);
            Assert.That(estimate.GetProperty("position").GetDouble(), Is.GreaterThan(field.GetProperty("position").GetDouble()));
        });
    }

    [Test]
    public async Task A_name_taken_in_any_case_is_409_and_a_workspace_holds_at_most_50()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        await CreateFieldAsync(client, workspaceId, "Estimate", "number");

        var duplicate = await client.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/custom-fields",
            new { name = "ESTIMATE", type = "text" }
        );
        for (var i = 1; i < CustomFieldRules.MaxPerWorkspace; i++)
        {
            await CreateFieldAsync(client, workspaceId, $"Field {i}", "text");
        }

        var tooMany = await client.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/custom-fields",
            new { name = "One more", type = "text" }
        );

        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        await tooMany.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("""{"type":"text"}""", "name")]
    [TestCase("""{"name":"  ","type":"text"}""", "name")]
    [TestCase("""{"name":"x"}""", "type")]
    [TestCase("""{"name":"x","type":"formula"}""", "type")]
    [TestCase("""{"name":"x","type":"number","options":[{"name":"a"}]}""", "options")]
    [TestCase("""{"name":"x","type":"single_select","options":[{"name":"a"},{"name":"A"}]}""", "options")]
    [TestCase("""{"name":"x","type":"single_select","options":[{"name":""}]}""", "options[0].name")]
    [TestCase("""{"name":"x","type":"single_select","options":[null]}""", "options[0]")]
    [TestCase("""{"name":"x","type":"single_select","options":[{"id":"0197a0e0-0000-7000-8000-000000000000","name":"a"}]}""", "options")]
    public async Task Invalid_fields_are_400(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/custom-fields", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_member_may_not_and_a_stranger_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var body = new { name = "Estimate", type = "number" };

        var byMember = await member.Http.PostAsJsonAsync($"workspaces/{workspaceId}/custom-fields", body);
        var byStranger = await stranger.Http.PostAsJsonAsync($"workspaces/{workspaceId}/custom-fields", body);

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
