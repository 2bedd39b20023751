using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.Tasks.ListTasks;

public class ListTasksByCustomFieldTests
{
    [Test]
    public async Task Filters_by_a_fields_value_of_each_kind_or_by_having_one()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var text = Id(await CreateFieldAsync(client, workspaceId, "Team", "text"));
        var number = Id(await CreateFieldAsync(client, workspaceId, "Estimate", "number"));
        var check = Id(await CreateFieldAsync(client, workspaceId, "Signed off", "checkbox"));
        var multi = await CreateFieldAsync(client, workspaceId, "Tags", "multi_select", "a", "b");
        var user = Id(await CreateFieldAsync(client, workspaceId, "Reviewer", "user"));
        var (a, b) = (OptionId(multi, "a"), OptionId(multi, "b"));
        var first = await TaskWithAsync(
            client,
            projectId,
            $$"""{"{{text}}":"Ops","{{number}}":1.5,"{{check}}":true,"{{Id(multi)}}":["{{a}}","{{b}}"]}"""
        );
        var second = await TaskWithAsync(
            client,
            projectId,
            $$"""{"{{text}}":"Web","{{number}}":2,"{{check}}":false,"{{Id(multi)}}":["{{b}}"],"{{user}}":"{{client.UserId}}"}"""
        );
        var none = await TaskWithAsync(client, projectId, "{}");

        async Task<Guid[]> Ids(string filter) => TaskIds(await client.GetAsync($"projects/{projectId}/tasks?{filter}"));

        Assert.Multiple(async () =>
        {
            Assert.That(await Ids($"fieldId={text}"), Is.EqualTo(new[] { first, second }));
            Assert.That(await Ids($"fieldId={text}&fieldValue=Web"), Is.EqualTo(new[] { second }));
            Assert.That(await Ids($"fieldId={text}&fieldValue=web"), Is.Empty, "text matches exactly");
            Assert.That(await Ids($"fieldId={number}&fieldValue=1.50"), Is.EqualTo(new[] { first }));
            Assert.That(await Ids($"fieldId={check}&fieldValue=false"), Is.EqualTo(new[] { second }));
            Assert.That(await Ids($"fieldId={Id(multi)}&fieldValue={a}"), Is.EqualTo(new[] { first }));
            Assert.That(await Ids($"fieldId={Id(multi)}&fieldValue={b}"), Is.EqualTo(new[] { first, second }));
            Assert.That(await Ids($"fieldId={user}&fieldValue={client.UserId}"), Is.EqualTo(new[] { second }));
            Assert.That(await Ids($"fieldId={user}"), Does.Not.Contain(none));
        });
    }

    [Test]
    public async Task Sorts_by_a_number_then_the_tasks_without_one_page_by_page_either_way()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var number = Id(await CreateFieldAsync(client, workspaceId, "Estimate", "number"));
        var three = await TaskWithAsync(client, projectId, $$"""{"{{number}}":3}""");
        var unset1 = await TaskWithAsync(client, projectId, "{}");
        var one = await TaskWithAsync(client, projectId, $$"""{"{{number}}":1}""");
        var alsoThree = await TaskWithAsync(client, projectId, $$"""{"{{number}}":3}""");
        var unset2 = await TaskWithAsync(client, projectId, "{}");
        var minus = await TaskWithAsync(client, projectId, $$"""{"{{number}}":-0.5}""");

        var ascending = await WalkAsync(client, $"projects/{projectId}/tasks?sort=customField&sortFieldId={number}&limit=2");
        var descending = await WalkAsync(client, $"projects/{projectId}/tasks?sort=customField&sortFieldId={number}&order=desc&limit=2");

        Assert.Multiple(() =>
        {
            Assert.That(ascending, Is.EqualTo(new[] { minus, one, three, alsoThree, unset1, unset2 }));
            Assert.That(descending, Is.EqualTo(new[] { alsoThree, three, one, minus, unset2, unset1 }));
        });
    }

    [Test]
    public async Task Sorts_by_text_with_a_filter_and_refuses_a_cursor_of_another_field()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var team = Id(await CreateFieldAsync(client, workspaceId, "Team", "text"));
        var other = Id(await CreateFieldAsync(client, workspaceId, "Other", "date"));
        var web = await TaskWithAsync(client, projectId, $$"""{"{{team}}":"web"}""", new { title = "w", priority = "high" });
        var api = await TaskWithAsync(client, projectId, $$"""{"{{team}}":"api"}""", new { title = "a", priority = "high" });
        await TaskWithAsync(client, projectId, $$"""{"{{team}}":"cli"}""", new { title = "c", priority = "low" });
        var unset = await TaskWithAsync(client, projectId, "{}", new { title = "u", priority = "high" });

        var sorted = await WalkAsync(client, $"projects/{projectId}/tasks?sort=customField&sortFieldId={team}&priority=high&limit=1");
        var page = await client.GetAsync($"projects/{projectId}/tasks?sort=customField&sortFieldId={team}&limit=1");
        var cursor = page.GetProperty("nextCursor").GetString();
        var foreign = await client.Http.GetAsync($"projects/{projectId}/tasks?sort=customField&sortFieldId={other}&limit=1&after={cursor}");

        Assert.That(sorted, Is.EqualTo(new[] { api, web, unset }));
        await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, "after");
    }

    [TestCase("sort=customField", "sortFieldId")]
    [TestCase("sortFieldId=0197a0e0-0000-7000-8000-000000000000", "sortFieldId")]
    [TestCase("sort=customField&sortFieldId=x", "sortFieldId")]
    [TestCase("fieldValue=3", "fieldValue")]
    [TestCase("fieldId=3", "fieldId")]
    public async Task Custom_field_parameters_out_of_place_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.GetAsync($"projects/{projectId}/tasks?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_workspaces_field_finds_nothing_in_a_project()
    {
        var client = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var (theirWorkspace, theirProject) = await stranger.CreateProjectInNewWorkspaceAsync();
        var theirs = Id(await CreateFieldAsync(stranger, theirWorkspace, "Secret", "text"));
        await TaskWithAsync(stranger, theirProject, $$"""{"{{theirs}}":"x"}""");
        await TaskWithAsync(client, projectId, "{}");

        var filtered = await client.GetAsync($"projects/{projectId}/tasks?fieldId={theirs}");
        var sorted = await client.GetAsync($"projects/{projectId}/tasks?sort=customField&sortFieldId={theirs}");
        var intoTheirs = await client.Http.GetAsync($"projects/{theirProject}/tasks?fieldId={theirs}");

        Assert.That(TaskIds(filtered), Is.Empty);
        Assert.That(TaskIds(sorted), Has.Length.EqualTo(1), "every task of the project, none with a value");
        await intoTheirs.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> TaskWithAsync(ApiClient client, Guid projectId, string values, object? body = null)
    {
        var id = (await client.CreateTaskAsync(projectId, body)).GetProperty("id").GetGuid();
        if (values != "{}")
        {
            (await SetValuesAsync(client, id, values)).EnsureSuccessStatusCode();
        }

        return id;
    }

    private static Guid[] TaskIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];

    private static async Task<List<Guid>> WalkAsync(ApiClient client, string path)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetAsync(cursor is null ? path : $"{path}&after={cursor}");
            ids.AddRange(TaskIds(page));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        } while (cursor is not null && ids.Count < 50);

        return ids;
    }
}
