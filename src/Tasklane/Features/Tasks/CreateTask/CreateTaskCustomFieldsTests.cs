using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.Tasks.CreateTask;

public class CreateTaskCustomFieldsTests
{
    [Test]
    public async Task A_new_task_takes_custom_field_values_and_a_bad_one_creates_nothing()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var points = Id(await CreateFieldAsync(client, workspaceId, "Points", "number"));
        var size = await CreateFieldAsync(client, workspaceId, "Size", "single_select", "S", "L");
        var notes = Id(await CreateFieldAsync(client, workspaceId, "Notes", "text"));

        var created = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks",
            $$$"""{"title":"Sized","customFields":{"{{{points}}}":5,"{{{Id(size)}}}":"{{{OptionId(size, "L")}}}","{{{notes}}}":null}}"""
        );
        var badValue = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks",
            $$$"""{"title":"Unsized","customFields":{"{{{points}}}":"five"}}"""
        );
        var unknownField = await client.SendRawAsync(
            HttpMethod.Post,
            $"projects/{projectId}/tasks",
            $$$"""{"title":"Unsized","customFields":{"{{{Guid.CreateVersion7()}}}":1}}"""
        );
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var tasks = await client.GetAsync($"projects/{projectId}/tasks");

        await badValue.AssertProblemAsync(HttpStatusCode.BadRequest, $"customFields.{points}");
        await unknownField.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(
                body.GetProperty("customFields").EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { points.ToString(), Id(size).ToString() })
            );
            var stored = await ValuesAsync(client, body.GetProperty("id").GetGuid());
            Assert.That(stored.GetProperty(points.ToString()).GetDecimal(), Is.EqualTo(5m));
            Assert.That(stored.GetProperty(Id(size).ToString()).GetGuid(), Is.EqualTo(OptionId(size, "L")));
            Assert.That(tasks.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "a refused create leaves no task");
        });
    }
}
