using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.CustomFields.DeleteCustomField;

public class DeleteCustomFieldTests
{
    [Test]
    public async Task Deletes_a_field_and_its_values_and_a_stale_if_match_is_412()
    {
        var client = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.AddMemberAsync(workspaceId, member);
        var field = await CreateFieldAsync(client, workspaceId, "Estimate", "number");
        var kept = await CreateFieldAsync(client, workspaceId, "Notes", "text");
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        (await SetValuesAsync(client, task, $$"""{"{{Id(field)}}":3,"{{Id(kept)}}":"why"}""")).EnsureSuccessStatusCode();
        await client.GetAsync($"tasks/{task}"); // cached with the value
        var path = $"workspaces/{workspaceId}/custom-fields/{Id(field)}";

        var stale = await client.Http.SendAsync(WithIfMatch(HttpMethod.Delete, path, "\"7\""));
        var byMember = await member.Http.DeleteAsync(path);
        var deleted = await client.Http.DeleteAsync(path);
        var again = await client.Http.DeleteAsync(path);
        var values = await ValuesAsync(client, task);

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(values.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { Id(kept).ToString() }));
    }
}
