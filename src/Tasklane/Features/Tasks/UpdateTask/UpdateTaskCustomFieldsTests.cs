using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.Tasks.UpdateTask;

public class UpdateTaskCustomFieldsTests
{
    [Test]
    public async Task Sets_a_value_of_each_type_clears_with_null_and_keeps_the_fields_not_named()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var text = Id(await CreateFieldAsync(client, workspaceId, "Notes", "text"));
        var number = Id(await CreateFieldAsync(client, workspaceId, "Estimate", "number"));
        var date = Id(await CreateFieldAsync(client, workspaceId, "Launch", "date"));
        var single = await CreateFieldAsync(client, workspaceId, "Size", "single_select", "S", "L");
        var multi = await CreateFieldAsync(client, workspaceId, "Tags", "multi_select", "a", "b");
        var user = Id(await CreateFieldAsync(client, workspaceId, "Reviewer", "user"));
        var check = Id(await CreateFieldAsync(client, workspaceId, "Signed off", "checkbox"));
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var set = await SetValuesAsync(
            client,
            task,
            $$"""
            {"{{text}}":"why","{{number}}":1.50,"{{date}}":"2027-02-28","{{Id(single)}}":"{{OptionId(single, "L")}}",
             "{{Id(multi)}}":["{{OptionId(multi, "b")}}","{{OptionId(multi, "a")}}","{{OptionId(multi, "b")}}"],
             "{{user}}":"{{client.UserId}}","{{check}}":false}
            """
        );
        var cleared = await SetValuesAsync(client, task, $$"""{"{{text}}":null,"{{Id(multi)}}":[]}""");
        var values = await ValuesAsync(client, task);

        Assert.Multiple(async () =>
        {
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var body = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customFields");
            Assert.That(body.GetProperty(text.ToString()).GetString(), Is.EqualTo("why"));
            Assert.That(body.GetProperty(number.ToString()).GetRawText(), Is.EqualTo("1.5"));
            Assert.That(
                body.GetProperty(Id(multi).ToString()).EnumerateArray().Select(o => o.GetGuid()),
                Is.EquivalentTo(new[] { OptionId(multi, "a"), OptionId(multi, "b") })
            );
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(
                values.EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { number, date, Id(single), user, check }.Select(g => g.ToString()))
            );
            Assert.That(values.GetProperty(number.ToString()).GetRawText(), Is.EqualTo("1.5"));
            Assert.That(values.GetProperty(date.ToString()).GetString(), Is.EqualTo("2027-02-28"));
            Assert.That(values.GetProperty(Id(single).ToString()).GetGuid(), Is.EqualTo(OptionId(single, "L")));
            Assert.That(values.GetProperty(user.ToString()).GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(values.GetProperty(check.ToString()).GetBoolean(), Is.False);
        });
    }

    [TestCase("text", "\"\"")]
    [TestCase("text", "5")]
    [TestCase("number", "\"5\"")]
    [TestCase("number", "1e16")]
    [TestCase("date", "\"2027-02-30\"")]
    [TestCase("date", "\"2027-02-28T00:00:00Z\"")]
    [TestCase("checkbox", "1")]
    [TestCase("single_select", "\"0197a0e0-0000-7000-8000-000000000000\"")]
    [TestCase("multi_select", "\"0197a0e0-0000-7000-8000-000000000000\"")]
    [TestCase("user", "\"0197a0e0-0000-7000-8000-000000000000\"")]
    [TestCase("user", "\"me\"")]
    public async Task A_value_its_type_refuses_is_400_naming_the_field(string type, string value)
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var field = Id(
            await CreateFieldAsync(client, workspaceId, "Field", type, type.EndsWith("select", StringComparison.Ordinal) ? ["x"] : [])
        );
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await SetValuesAsync(client, task, $$"""{"{{field}}":{{value}}}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, $"customFields.{field}");
        Assert.That((await ValuesAsync(client, task)).EnumerateObject(), Is.Empty);
    }

    [Test]
    public async Task Another_workspaces_field_a_non_member_user_and_a_malformed_map_are_400()
    {
        var client = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var theirs = Id(await CreateFieldAsync(stranger, await stranger.CreateWorkspaceAsync(), "Theirs", "text"));
        var user = Id(await CreateFieldAsync(client, workspaceId, "Reviewer", "user"));
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var foreign = await SetValuesAsync(client, task, $$"""{"{{theirs}}":"x"}""");
        var outsider = await SetValuesAsync(client, task, $$"""{"{{user}}":"{{stranger.UserId}}"}""");
        var notAnId = await SetValuesAsync(client, task, """{"estimate":1}""");
        var notAnObject = await SetValuesAsync(client, task, "[1]");

        await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, $"customFields.{theirs}");
        await outsider.AssertProblemAsync(HttpStatusCode.BadRequest, $"customFields.{user}");
        await notAnId.AssertProblemAsync(HttpStatusCode.BadRequest);
        await notAnObject.AssertProblemAsync(HttpStatusCode.BadRequest, "customFields");
    }

    [Test]
    public async Task A_change_is_one_new_version_with_the_before_and_after_on_the_tasks_feed_and_the_same_value_is_no_change()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var number = Id(await CreateFieldAsync(client, workspaceId, "Estimate", "number"));
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var first = await (await SetValuesAsync(client, task, $$"""{"{{number}}":3}""")).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await SetValuesAsync(client, task, $$"""{"{{number}}":3.0}""")).Content.ReadFromJsonAsync<JsonElement>();
        var entries = await FeedOnceAsync(client, $"tasks/{task}/activity", "task.updated");

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(second.GetProperty("version").GetInt32(), Is.EqualTo(2));
            var change = Data(Entry(entries, "task.updated")).GetProperty("changes").GetProperty($"customFields.{number}");
            Assert.That(change.GetProperty("from").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(change.GetProperty("to").GetString(), Is.EqualTo("3"));
        });
    }
}
