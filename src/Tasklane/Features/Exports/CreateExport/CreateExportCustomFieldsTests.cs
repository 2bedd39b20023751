using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;
using static Tasklane.Features.Exports.ExportTestKit;

namespace Tasklane.Features.Exports.CreateExport;

public class CreateExportCustomFieldsTests
{
    [Test]
    public async Task Both_formats_carry_the_custom_fields_json_by_id_with_their_definitions_csv_as_people_read_them()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var estimate = Id(await CreateFieldAsync(owner, workspaceId, "Estimate", "number"));
        var tags = await CreateFieldAsync(owner, workspaceId, "Tags", "multi_select", "api", "web");
        var reviewer = Id(await CreateFieldAsync(owner, workspaceId, "Reviewer", "user"));
        var signed = Id(await CreateFieldAsync(owner, workspaceId, "Signed", "checkbox"));
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        (
            await SetValuesAsync(
                owner,
                taskId,
                $$"""{"{{estimate}}":2.5,"{{Id(tags)}}":["{{OptionId(tags, "web")}}","{{OptionId(tags, "api")}}"],"{{reviewer}}":"{{owner.UserId}}","{{signed}}":true}"""
            )
        ).EnsureSuccessStatusCode();

        using var json = JsonDocument.Parse(
            await DownloadAsync(await FinishedAsync(owner, (await StartAsync(owner, projectId)).Export.GetProperty("id").GetGuid()))
        );
        var csv = await DownloadAsync(
            await FinishedAsync(owner, (await StartAsync(owner, projectId, "csv")).Export.GetProperty("id").GetGuid())
        );

        var values = json.RootElement.GetProperty("tasks")[0].GetProperty("customFields");
        Assert.Multiple(() =>
        {
            Assert.That(
                json.RootElement.GetProperty("project")
                    .GetProperty("customFields")
                    .EnumerateArray()
                    .Select(f => f.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "Estimate", "Tags", "Reviewer", "Signed" })
            );
            Assert.That(values.GetProperty(estimate.ToString()).GetDecimal(), Is.EqualTo(2.5m));
            Assert.That(values.GetProperty(signed.ToString()).GetBoolean(), Is.True);
            Assert.That(csv.Split("\r\n")[1], Does.EndWith($"\"Estimate: 2.5; Tags: api, web; Reviewer: {owner.Email}; Signed: yes\""));
        });
    }
}
